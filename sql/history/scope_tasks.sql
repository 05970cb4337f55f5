-- The tasks of a scope. scope_task: those in one of its projects at any time in the loaded dump; whether an
-- ancestor "belongs to the scope" (for category titles) is decided on these, so that it is the same for a full
-- run and a chain of incremental ones. window_task: those of them in one of its projects at some time during
-- the days being reconstructed; only these get rows, so an incremental run reads little.
-- Parameters: the project ids; the start of the first day and the end of the last day being reconstructed.
-- name: scope_task
CREATE TEMP TABLE scope_task ON COMMIT DROP AS
SELECT DISTINCT task_id
  FROM task_project_interval
 WHERE project_id = ANY (?);

-- name: window_task
CREATE TEMP TABLE window_task ON COMMIT DROP AS
SELECT DISTINCT task_id
  FROM task_project_interval
 WHERE project_id = ANY (?) AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?);

-- name: analyze_scope_task
ANALYZE scope_task;

-- name: analyze_window_task
ANALYZE window_task;
