-- The tasks that can appear in a scope's history: those in one of its projects at some time before the last
-- day ends. Parameters: the scope's project ids, that instant.
CREATE TEMP TABLE scope_task ON COMMIT DROP AS
SELECT DISTINCT task_id
  FROM task_project_interval
 WHERE project_id = ANY (?) AND valid_from <= ?;
