-- The tasks that can appear in a scope's history: those in one of its projects at any time in the loaded dump.
-- Not bounded by the days being reconstructed, so that whether an ancestor "belongs to the scope" (for
-- category titles) is the same for a full run and for a chain of incremental ones. Parameter: the project ids.
CREATE TEMP TABLE scope_task ON COMMIT DROP AS
SELECT DISTINCT task_id
  FROM task_project_interval
 WHERE project_id = ANY (?);
