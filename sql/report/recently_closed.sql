-- Tasks closed on one of the :days days up to :day: resolved that day and not the day before (Fix P2: a task of a
-- force_status category is closed once, on the day it entered the category, not on every day). "changed" is the
-- day it closed; a task closed twice in the window is listed twice.
WITH first_days AS (
    SELECT id, min(date) AS since
      FROM task_on_date_recategorized
     WHERE scope = :scope
     GROUP BY id
)
SELECT r.id, t.title, r.category, r.status, r.points, f.since::date AS since, r.date::date AS changed
  FROM task_on_date_recategorized r
  JOIN first_days f ON f.id = r.id
  LEFT JOIN task_on_date_recategorized yesterday
         ON yesterday.scope = r.scope AND yesterday.id = r.id AND yesterday.date = r.date - interval '1 day'
  LEFT JOIN maniphest_task t ON t.id = r.id
 WHERE r.scope = :scope AND r.status = 'resolved'
   AND r.date > CAST(:day AS date) - :days AND r.date <= :day
   AND yesterday.status IS DISTINCT FROM 'resolved'
 ORDER BY r.date, r.id
