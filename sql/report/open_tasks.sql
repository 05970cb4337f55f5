-- The tasks open on :day (with :unpointed_only, only those without points), with the day each first appears in
-- the scope's rows and the day its row last changed: a day whose category, status, points, project, column,
-- priority or maintenance type differs from the day before, or that follows a gap (the task left and came back).
WITH task_days AS (
    SELECT r.id, r.date,
           r.date - lag(r.date) OVER same_task <> interval '1 day'
             OR row(r.category, r.status, r.points, r.project_id, r.projectcolumn, r.priority, r.maint_type)
                IS DISTINCT FROM lag(row(r.category, r.status, r.points, r.project_id, r.projectcolumn, r.priority,
                                         r.maint_type)) OVER same_task AS changed_here
      FROM task_on_date_recategorized r
     WHERE r.scope = :scope AND r.date <= :day
    WINDOW same_task AS (PARTITION BY r.id ORDER BY r.date)
), task_dates AS (
    SELECT id, min(date) AS since, max(date) FILTER (WHERE changed_here IS NOT FALSE) AS changed
      FROM task_days
     GROUP BY id
)
SELECT r.id, t.title, r.category, r.points, d.since::date AS since, d.changed::date AS changed
  FROM task_on_date_recategorized r
  JOIN task_dates d ON d.id = r.id
  LEFT JOIN maniphest_task t ON t.id = r.id
 WHERE r.scope = :scope AND r.date = :day AND r.status = 'open'
   AND (NOT :unpointed_only OR r.points IS NULL)
 ORDER BY r.id
