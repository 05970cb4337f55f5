-- Makes the fetch of the load being published (the setting phlogiston.conduit_fetch) the mirror, in the
-- transaction that publishes its data: its tasks merged in (replacing the mirror after a full fetch), its project
-- section, the fetch marked published. Its stored pages are no longer needed.
-- name: clear_mirror_after_full_fetch
DELETE FROM conduit_task
WHERE (SELECT modified_since IS NULL FROM conduit_fetch WHERE id = current_setting('phlogiston.conduit_fetch')::bigint);

-- name: merge_fetched_tasks
INSERT INTO conduit_task (task_id, date_modified, body)
SELECT task_id, date_modified, body FROM conduit_fetched_task WHERE fetch_id = current_setting('phlogiston.conduit_fetch')::bigint
ON CONFLICT (task_id) DO UPDATE SET date_modified = EXCLUDED.date_modified, body = EXCLUDED.body;

-- name: clear_project_section
DELETE FROM conduit_project_section;

-- name: store_project_section
INSERT INTO conduit_project_section (url, fetch_id, body)
SELECT url, id, project_section FROM conduit_fetch WHERE id = current_setting('phlogiston.conduit_fetch')::bigint;

-- name: mark_published
UPDATE conduit_fetch SET outcome = 'published', finished_at = current_setting('phlogiston.conduit_fetch_finished')::timestamptz
WHERE id = current_setting('phlogiston.conduit_fetch')::bigint;

-- name: drop_fetched_pages
DELETE FROM conduit_fetched_task WHERE fetch_id = current_setting('phlogiston.conduit_fetch')::bigint;
