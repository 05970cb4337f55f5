-- Resolved tasks of the scope on :day by points and priority (Fix P3: the original counted every scope's tasks).
SELECT count(*) AS count, points, priority
  FROM task_on_date_recategorized
 WHERE scope = :scope AND date = :day AND status = 'resolved'
 GROUP BY points, priority
 ORDER BY points, priority
