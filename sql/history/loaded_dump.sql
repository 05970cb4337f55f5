-- What reconstruction reads of the loaded dump besides the tasks (history.HistoryStore).

-- name: project_names
SELECT id, name FROM phabricator_project;

-- name: project_phids
SELECT id, phid FROM phabricator_project;

-- name: column_names
SELECT phid, name FROM phabricator_column;

-- name: current_load
-- The latest load that succeeded, and the time of its latest change.
SELECT id, data_until FROM dump_load WHERE outcome = 'loaded' ORDER BY id DESC LIMIT 1;
