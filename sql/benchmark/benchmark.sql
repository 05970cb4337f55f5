-- What the benchmarks read of the database besides the stored history (package benchmark).

-- name: loaded_tasks
-- How many tasks the loaded dump holds: none means no dump is loaded yet.
SELECT count(*) FROM maniphest_task;

-- name: busiest_projects
-- The projects of at least 100 tasks, smallest first, leaving out the given tags. Parameter: the tags.
SELECT project_id, count(DISTINCT task_id) AS tasks FROM task_project_interval
 WHERE project_id <> ALL (?) GROUP BY project_id HAVING count(DISTINCT task_id) >= 100
 ORDER BY tasks, project_id;

-- name: projects_tasks
-- How many tasks have ever been in one of the projects. Parameter: the project ids.
SELECT count(DISTINCT task_id) FROM task_project_interval WHERE project_id = ANY (?);

-- name: run_steps
-- The steps of a run as the job repository recorded them. Parameter: the job execution's id.
SELECT step_name, start_time, end_time FROM batch_step_execution WHERE job_execution_id = ? ORDER BY step_execution_id;

-- name: load_steps
-- The steps of the job that made a load. Parameter: the load's id (dump_load).
SELECT s.step_name, s.start_time, s.end_time
  FROM batch_step_execution s
  JOIN dump_load d ON d.job_execution_id = s.job_execution_id
 WHERE d.id = ?
 ORDER BY s.step_execution_id;

-- name: staging_exists
-- Whether a load left its staging schema behind.
SELECT to_regnamespace('load_staging') IS NOT NULL;

-- name: backends_still_there
-- How many of these backends are still there. Parameter: their pids.
SELECT count(*) FROM pg_stat_activity WHERE pid = ANY (?);

-- name: last_conduit_fetch
-- What the last Conduit fetch cost: its requests and what it got, and whether it was incremental.
SELECT modified_since, requests, tasks_fetched, transactions_fetched FROM conduit_fetch ORDER BY id DESC LIMIT 1;

-- name: analyze
-- Statistics of every table after the warm-up, so that the measured runs plan as a night's run would.
ANALYZE;
