-- The tasks open on :day, with the day each first appears in the scope's rows and the day its row last changed: a
-- day whose category, status, points, project, column, priority or maintenance type differs from the day before, or
-- that follows a gap (the task left and came back).
WITH open_now AS (
    SELECT id, category, points
      FROM task_on_date_recategorized
     WHERE scope = :scope AND date = :day AND status = 'open'
), task_days AS (
    -- only the open tasks' days: the other tasks' history is not shown
    SELECT r.id, r.date,
           r.date - lag(r.date) OVER same_task <> interval '1 day'
             OR row(r.category, r.status, r.points, r.project_id, r.projectcolumn, r.priority, r.maint_type)
                IS DISTINCT FROM lag(row(r.category, r.status, r.points, r.project_id, r.projectcolumn, r.priority,
                                         r.maint_type)) OVER same_task AS changed_here
      FROM task_on_date_recategorized r
      JOIN open_now USING (id)
     WHERE r.scope = :scope AND r.date <= :day
    WINDOW same_task AS (PARTITION BY r.id ORDER BY r.date)
), task_dates AS (
    SELECT id, min(date) AS since, max(date) FILTER (WHERE changed_here IS NOT FALSE) AS changed
      FROM task_days
     GROUP BY id
)
SELECT o.id, t.title, o.category, o.points, d.since::date AS since, d.changed::date AS changed
  FROM open_now o
  JOIN task_dates d ON d.id = o.id
  LEFT JOIN maniphest_task t ON t.id = o.id
 ORDER BY o.id
