-- Views over the tables a dump load publishes. A load replaces those tables, which drops these views, so the
-- load runs this file again in the same transaction; Flyway runs it whenever it changes. Every view over the
-- load tables belongs here.

-- As in the original: per core:edge transaction, the task's whole set of known projects after it, as ids.
CREATE OR REPLACE VIEW maniphest_edge_transaction AS
SELECT t.task_id, t.date_modified, t.old_value, t.new_value, t.metadata,
       ARRAY(SELECT p.id
               FROM unnest(t.project_phids_after) WITH ORDINALITY AS after(phid, position)
               JOIN phabricator_project p ON p.phid = after.phid
              ORDER BY after.position) AS edges,
       t.id AS transaction_id
  FROM maniphest_transaction t
 WHERE t.has_edge_data;
