-- The tasks of the dump a fetch composes, in id order (parameters: the fetch, whether it is incremental, the
-- fetch): the tasks it fetched and, for an incremental fetch, the mirror's others. A full fetch replaces the
-- mirror: a task it did not get is gone from the install, or from the projects fetched.
SELECT task_id, body FROM conduit_fetched_task WHERE fetch_id = ?
UNION ALL
SELECT mirror.task_id, mirror.body
FROM conduit_task mirror
WHERE ?
  AND NOT EXISTS (SELECT 1 FROM conduit_fetched_task fetched WHERE fetched.fetch_id = ? AND fetched.task_id = mirror.task_id)
ORDER BY task_id
