-- The table dump_load: one row per load attempt, the last one loaded being the data in use (LoadHistory). Each
-- statement says its parameters; the queries return whole rows, read as one attempt each.
-- name: start
-- A load begins (parameters: its source, masked; when it started; its job execution).
INSERT INTO dump_load (source, started_at, outcome, job_execution_id)
VALUES (?, ?, 'running', ?) RETURNING id;

-- name: finish
-- What the load's steps found, and how it ended (parameters: etag, last_modified, sha256, byte_size, finished_at,
-- outcome, message, row_counts and defects as JSON, data_until, then the load's id).
UPDATE dump_load SET etag = ?, last_modified = ?, sha256 = ?, byte_size = ?, finished_at = ?,
       outcome = ?, message = ?, row_counts = ?::jsonb, defects = ?::jsonb, data_until = ?
WHERE id = ?;

-- name: current
-- The load whose data is in the live tables (no parameter).
SELECT * FROM dump_load WHERE outcome = 'loaded' ORDER BY id DESC LIMIT 1;

-- name: loads_of_source
-- The successful loads of a source, newest first (parameter: the source, masked), with those recorded before
-- sources were masked (they kept their credentials, an '@' or a '='): the caller compares their masked form.
SELECT * FROM dump_load WHERE outcome = 'loaded' AND (source = ? OR source LIKE '%@%' OR source LIKE '%=%')
ORDER BY id DESC;

-- name: find
-- One load (parameter: its id).
SELECT * FROM dump_load WHERE id = ?;

-- name: loaded_before
-- The last load published before the given one (parameter: its id): what its data changed is told against this
-- one's row counts.
SELECT * FROM dump_load WHERE outcome = 'loaded' AND id < ? ORDER BY id DESC LIMIT 1;

-- name: recent
-- The last attempts, newest first, whatever their outcome (parameter: how many).
SELECT * FROM dump_load ORDER BY id DESC LIMIT ?;
