-- Resolved work of the scope per day and maint_type from :since to :day (the maintenance fraction picks every 7th
-- day back from the latest data out of these, Fix P9). A maint_type of null: the task has neither tag (the history
-- stores that as null or as '').
SELECT date::date AS date, nullif(maint_type, '') AS maint_type, coalesce(sum(points), 0) AS points,
       count(*) AS count
  FROM task_on_date_recategorized
 WHERE scope = :scope AND status = 'resolved' AND date >= :since AND date <= :day
 GROUP BY date::date, nullif(maint_type, '')
 ORDER BY date, maint_type NULLS FIRST
