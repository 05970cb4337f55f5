-- The runs `phlogiston history` lists, newest first: the job executions of the job repository, but not those a
-- `run` launched for its stages, which it lists as stages of that run. Such a job started while the run's step for
-- it was going: the step `load` for a load, `reconstruct-<scope>` or `report-<scope>` for a job on that scope
-- (see PipelineRun). No job of the same kind on the same scope can start then on its own: the run holds the
-- locks of its load and its scopes throughout.
-- Jobs whose process was killed have been marked failed before (sql/runcontrol/killed_runs.sql): a job listed as
-- running is running. Parameters: the job names (:run_job, :load_job, :reconstruct_job, :report_job), the scope
-- whose runs are wanted (:scope; null for all runs), and how many runs (:limit).
WITH wanted AS (
    SELECT CAST(:scope AS text) AS scope
),
execution AS (
    SELECT e.job_execution_id AS id, i.job_name, e.status, coalesce(e.start_time, e.create_time) AS started,
           -- a restart is a later execution of the same job instance
           lag(e.job_execution_id) OVER same_instance  AS restart_of,
           lead(e.job_execution_id) OVER same_instance AS restarted_as,
           max(p.parameter_value) FILTER (WHERE p.parameter_name = 'scope')  AS scope,
           max(p.parameter_value) FILTER (WHERE p.parameter_name = 'scopes') AS scopes
      FROM batch_job_execution e
      JOIN batch_job_instance i USING (job_instance_id)
      LEFT JOIN batch_job_execution_params p USING (job_execution_id)
     GROUP BY e.job_execution_id, i.job_name
    WINDOW same_instance AS (PARTITION BY e.job_instance_id ORDER BY e.job_execution_id)
)
SELECT x.id, x.restart_of, x.restarted_as
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
