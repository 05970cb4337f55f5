-- A task list of the scope's recategorized intervals on :day, as the original's pages listed them. With :unpointed
-- false: the open tasks. With :unpointed true: the tasks of any status for which the dump gives no points
-- (default_points and the history's points do not count; Fix L7: "" is no points, any number is points).
-- "since": the task's first day in the scope's rows (Fix R2: the original took its first day in any scope).
-- "changed": the day (UTC) of the task's last status, column or project transaction, on any board; none when it
-- has none (the index on task_id, transaction_type, date_modified answers it per task).
WITH listed AS (
    SELECT r.id, r.category, r.status, r.points
      FROM task_category_interval r
      LEFT JOIN maniphest_task t ON t.id = r.id
     WHERE r.scope = :scope AND CAST(:day AS date) BETWEEN r.first_day AND r.last_day
       AND CASE WHEN :unpointed THEN t.id IS NOT NULL AND t.points_at_load IS NULL ELSE r.status = 'open' END
), first_days AS (
    SELECT f.id, min(f.first_day) AS since
      FROM task_category_interval f
      JOIN listed l ON l.id = f.id
     WHERE f.scope = :scope
     GROUP BY f.id
)
SELECT l.id, t.title, l.category, l.status, l.points, d.since,
       (SELECT max(x.date_modified AT TIME ZONE 'UTC') FROM maniphest_transaction x
         WHERE x.task_id = l.id AND x.transaction_type IN ('core:columns', 'status', 'core:edge'))::date AS changed
  FROM listed l
  JOIN first_days d ON d.id = l.id
  LEFT JOIN maniphest_task t ON t.id = l.id
 ORDER BY l.id
