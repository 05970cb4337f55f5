-- Row-level defects that only show once the whole dump is staged: references to things not in the dump.
-- One row per kind: the kind (as in the Defect enum), how many, and a few example task ids (column ids for
-- orphan columns).
SELECT 'ORPHAN_COLUMN' AS kind, count(*) AS count, (array_agg(c.id ORDER BY c.id))[1:5] AS examples
  FROM load_staging.column_row c
 WHERE NOT EXISTS (SELECT FROM load_staging.phabricator_project p WHERE p.phid = c.project_phid)
UNION ALL
SELECT 'UNKNOWN_PROJECT', count(*), (array_agg(DISTINCT r.task_id))[1:5]
  FROM (SELECT task_id, project_phid FROM load_staging.membership_row
        UNION ALL
        SELECT task_id, destination_phid FROM load_staging.task_edge_row WHERE edge_type = 41) r
 WHERE NOT EXISTS (SELECT FROM load_staging.phabricator_project p WHERE p.phid = r.project_phid)
UNION ALL
SELECT 'UNKNOWN_SUBTASK', count(*), (array_agg(DISTINCT e.task_id))[1:5]
  FROM load_staging.task_edge_row e
 WHERE e.edge_type = 3
   AND NOT EXISTS (SELECT FROM load_staging.maniphest_task t WHERE t.phid = e.destination_phid);
