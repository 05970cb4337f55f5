-- Views over the load tables. A load swaps the tables, so these views are dropped and created again
-- in the same transaction as the swap.

-- As in the original: per core:edge transaction, the task's whole set of known projects after it.
CREATE VIEW maniphest_edge_transaction AS
SELECT task_id, date_modified, old_value, new_value, metadata, active_projects AS edges, id AS transaction_id
  FROM maniphest_transaction
 WHERE has_edge_data;
