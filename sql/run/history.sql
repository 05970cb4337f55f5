-- The runs `phlogiston history` lists, newest first: the job executions of the job repository, but not those a
-- `run` launched for its stages, which it lists as stages of that run. Such a job started while the run's step for
-- it was going: the step `load` for a load, `reconstruct-<scope>` or `report-<scope>` for a job on that scope
-- (see PipelineRun). No job of the same kind on the same scope can start then on its own: the run holds the
-- locks of its load and its scopes throughout.
-- Parameters: the job names (:run_job, :load_job, :reconstruct_job, :report_job), the job parameter naming the
-- backend that holds a job's locks (:backend_pid_parameter), the scope whose runs are wanted (:scope; null for all
-- runs), and how many runs (:limit).
WITH wanted AS (
    SELECT CAST(:scope AS text) AS scope
),
execution AS (
    SELECT e.job_execution_id AS id, i.job_name, e.status, coalesce(e.start_time, e.create_time) AS started,
           -- a restart is a later execution of the same job instance
           lag(e.job_execution_id) OVER same_instance  AS restart_of,
           lead(e.job_execution_id) OVER same_instance AS restarted_as,
           max(p.parameter_value) FILTER (WHERE p.parameter_name = 'scope')  AS scope,
           max(p.parameter_value) FILTER (WHERE p.parameter_name = 'scopes') AS scopes,
           max(p.parameter_value) FILTER (WHERE p.parameter_name = :backend_pid_parameter) AS lock_backend
      FROM batch_job_execution e
      JOIN batch_job_instance i USING (job_instance_id)
      LEFT JOIN batch_job_execution_params p USING (job_execution_id)
     GROUP BY e.job_execution_id, i.job_name
    WINDOW same_instance AS (PARTITION BY e.job_instance_id ORDER BY e.job_execution_id)
)
SELECT x.id, x.restart_of, x.restarted_as,
       -- A job the repository still has as running may have lost its process. Its locks are held by the database
       -- backend named in its parameters (runcontrol.RunLock); the server frees them when the process dies, and a
       -- backend that started after the job is another session that got the same pid.
       x.status IN ('STARTING', 'STARTED', 'STOPPING')
           AND EXISTS (SELECT 1
                         FROM pg_locks l
                         JOIN pg_stat_activity a ON a.pid = l.pid
                        WHERE l.locktype = 'advisory' AND l.granted
                          AND l.pid = CAST(x.lock_backend AS integer)
                          AND a.backend_start <= x.started::timestamptz) AS alive
  FROM execution x, wanted w
 WHERE NOT EXISTS (SELECT 1
                     FROM batch_step_execution s
                     JOIN batch_job_execution r USING (job_execution_id)
                     JOIN batch_job_instance ri USING (job_instance_id)
                    WHERE ri.job_name = :run_job
                      AND s.step_name = CASE x.job_name WHEN :load_job THEN 'load'
                                                        WHEN :reconstruct_job THEN 'reconstruct-' || x.scope
                                                        WHEN :report_job THEN 'report-' || x.scope END
                      AND s.start_time <= x.started AND (s.end_time IS NULL OR x.started <= s.end_time))
   AND (w.scope IS NULL OR x.scope = w.scope OR w.scope = ANY (string_to_array(x.scopes, ',')))
 ORDER BY x.id DESC
 LIMIT :limit
