-- Views over the tables a dump load publishes. A load replaces those tables, which drops these views, so the
-- load runs this file again in the same transaction; Flyway runs it whenever it changes. Every view over the
-- load tables belongs here.

-- As in the original: per core:edge transaction, the task's whole set of known projects after it.
CREATE OR REPLACE VIEW maniphest_edge_transaction AS
SELECT task_id, date_modified, old_value, new_value, metadata, active_projects AS edges, id AS transaction_id
  FROM maniphest_transaction
 WHERE has_edge_data;
