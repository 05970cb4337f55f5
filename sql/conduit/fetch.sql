-- A Conduit fetch (conduit_fetch) from its start to its end, and the pages it has got (conduit_fetched_task), as
-- ConduitFetchStore keeps them; publishing one is sql/conduit/publish_fetch.sql. Each statement says its
-- parameters; "the fetch" is a conduit_fetch id.
-- name: unfinished
-- The unfinished fetch of an install, if there is one (parameter: its url).
SELECT * FROM conduit_fetch WHERE url = ? AND outcome = 'fetching' ORDER BY id DESC LIMIT 1;

-- name: watermark
-- When the fetch the mirror is built on began, if it fetched these projects (parameters: projects, url, url): the
-- next fetch asks for the tasks modified since then, less the overlap. None when the mirror holds another install
-- or other projects: the next fetch is then a full one.
SELECT CASE WHEN projects = ?::text[] THEN started_at END AS started_at
FROM conduit_fetch
WHERE url = ? AND outcome IN ('published', 'unchanged')
  AND EXISTS (SELECT 1 FROM conduit_project_section WHERE url = ?)
ORDER BY id DESC
LIMIT 1;

-- name: start
-- A fetch begins (parameters: url, when it started, modified since (none for a full fetch), the projects).
INSERT INTO conduit_fetch (url, started_at, outcome, modified_since, projects)
VALUES (?, ?, 'fetching', ?, ?::text[]) RETURNING id;

-- name: abandon
-- A fetch that will not be resumed (parameters: when, why, the fetch).
UPDATE conduit_fetch SET outcome = 'failed', finished_at = ?, message = ? WHERE id = ?;

-- name: drop_pages
-- The pages an abandoned fetch had got (parameter: the fetch).
DELETE FROM conduit_fetched_task WHERE fetch_id = ?;

-- name: project_section
-- The load now working on the fetch and the project section it read (parameters: the load, the section, the
-- requests that took, the fetch).
UPDATE conduit_fetch SET load_id = ?, project_section = ?, requests = requests + ?, message = NULL WHERE id = ?;

-- name: advance
-- Where a fetch goes on after a page (parameters: pass, cursor, requests, tasks, transactions, the fetch).
UPDATE conduit_fetch
SET project_index = ?, cursor = ?, requests = requests + ?, tasks_fetched = tasks_fetched + ?,
    transactions_fetched = transactions_fetched + ?
WHERE id = ?;

-- name: stopped
-- Why a fetch stopped, and the requests its last attempt made (parameters: requests, message, the fetch).
UPDATE conduit_fetch SET requests = requests + ?, message = ? WHERE id = ?;

-- name: fetched_tasks
-- How many tasks a fetch has got (parameter: the fetch).
SELECT count(*) FROM conduit_fetched_task WHERE fetch_id = ?;

-- name: mirrored_project_section
-- The project section of the mirror, if it holds the install (parameter: its url).
SELECT body FROM conduit_project_section WHERE url = ?;

-- name: unchanged
-- A fetch that got nothing new (parameters: when it finished, the fetch).
UPDATE conduit_fetch SET outcome = 'unchanged', finished_at = ? WHERE id = ?;

-- name: fetch_to_publish
-- The unfinished fetch a load worked on, the one its publish makes the mirror (parameter: the dump_load id).
SELECT max(id) FROM conduit_fetch WHERE load_id = ? AND outcome = 'fetching';

-- name: publishing
-- Which fetch sql/conduit/publish_fetch.sql publishes and when, for the rest of the transaction (parameters: the
-- fetch, the time, both as text).
SELECT set_config('phlogiston.conduit_fetch', ?, true), set_config('phlogiston.conduit_fetch_finished', ?, true);
