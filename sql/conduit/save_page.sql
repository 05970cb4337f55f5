-- One page of a fetch: its tasks (parameters: the fetch, then the page's ids, dates modified and bodies as
-- arrays). A task met again (in a second project's pass, or after a resume) keeps its latest body.
INSERT INTO conduit_fetched_task (fetch_id, task_id, date_modified, body)
SELECT ?, page.task_id, page.date_modified, page.body
FROM unnest(?::integer[], ?::text[]::timestamptz[], ?::text[]) AS page (task_id, date_modified, body)
ON CONFLICT (fetch_id, task_id) DO UPDATE SET date_modified = EXCLUDED.date_modified, body = EXCLUDED.body
