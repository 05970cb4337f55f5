-- Marks failed the jobs that the job repository has as running although their process is gone (killed, or crashed):
-- such a job stays "started" for ever, since its process cannot record how it ended. A job holds its run locks
-- (runcontrol.RunLock) from before it starts until after its end is recorded, on a database session that its
-- parameters name: its backend pid and that backend's start (the pid alone may have been given to a later session).
-- So a running job whose session no longer holds an advisory lock has lost its process. Jobs recorded before the
-- backend's start was kept are compared by the time they started; those without any lock parameter are old and gone.
-- The job and its running steps become FAILED and say which process is gone. Their end stays unknown (null): the
-- history shows no duration for them, and hides the jobs a killed `run` launched for its stages as it does while
-- they run (sql/run/history.sql). A killed load's dump_load row, 'running' too, becomes 'failed' with the same reason.
-- Parameters, the names of the job parameters: backend pid, backend start, host, process pid.
WITH job AS (
    SELECT e.job_execution_id AS id, coalesce(e.start_time, e.create_time) AS started,
           CAST(max(p.parameter_value) FILTER (WHERE p.parameter_name = ?) AS integer) AS lock_backend,
           CAST(max(p.parameter_value) FILTER (WHERE p.parameter_name = ?) AS timestamptz) AS lock_backend_start,
           max(p.parameter_value) FILTER (WHERE p.parameter_name = ?) AS host,
           max(p.parameter_value) FILTER (WHERE p.parameter_name = ?) AS pid
      FROM batch_job_execution e
      LEFT JOIN batch_job_execution_params p USING (job_execution_id)
     WHERE e.status IN ('STARTING', 'STARTED', 'STOPPING')
     GROUP BY e.job_execution_id
),
killed AS (
    SELECT j.id,
           'killed or crashed: its process' || coalesce(' (pid ' || j.pid || ' on host ' || j.host || ')', '')
               || ' is gone' AS reason
      FROM job j
     WHERE NOT EXISTS (SELECT 1
                         FROM pg_locks l
                         JOIN pg_stat_activity a ON a.pid = l.pid
                        WHERE l.locktype = 'advisory' AND l.granted AND l.pid = j.lock_backend
                          AND (a.backend_start = j.lock_backend_start
                               OR j.lock_backend_start IS NULL AND a.backend_start <= j.started::timestamptz))
),
steps AS (
    UPDATE batch_step_execution s
       SET status = 'FAILED', exit_code = 'FAILED', exit_message = k.reason, version = s.version + 1
      FROM killed k
     WHERE s.job_execution_id = k.id AND s.status IN ('STARTING', 'STARTED', 'STOPPING')
),
loads AS (
    UPDATE dump_load d
       SET outcome = 'failed', message = k.reason
      FROM killed k
     WHERE d.job_execution_id = k.id AND d.outcome = 'running'
)
UPDATE batch_job_execution e
   SET status = 'FAILED', exit_code = 'FAILED', exit_message = k.reason, version = e.version + 1
  FROM killed k
 WHERE e.job_execution_id = k.id
RETURNING e.job_execution_id, k.reason
