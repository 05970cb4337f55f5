-- Writing a scope's reconstructed intervals (history.HistoryStore): they are copied into the temp table
-- new_interval, then replace the scope's history (a full run) or continue it (an incremental one,
-- sql/history/merge_intervals.sql), and what remains of them is inserted.

-- name: create_new_interval
CREATE TEMP TABLE new_interval (LIKE task_state_interval) ON COMMIT DROP;

-- name: analyze_new_interval
ANALYZE new_interval;

-- name: delete_history
-- A full run replaces the whole history. Parameter: the scope.
DELETE FROM task_state_interval WHERE scope = ?;

-- name: insert_new_intervals
INSERT INTO task_state_interval SELECT * FROM new_interval;
