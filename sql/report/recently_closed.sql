-- Tasks closed on one of the :days days up to :day: resolved that day and not the day before (Fix P2: a task of a
-- force_status category is closed once, on the day it entered the category, not on every day). Within one
-- recategorized interval every day follows a day of the same status, so a task can only close on the first day of
-- a resolved interval, when the interval holding the day before is not resolved (or there is none). "changed" is
-- the day it closed; a task closed twice in the window is listed twice.
WITH first_days AS (
    SELECT id, min(first_day) AS since
      FROM task_category_interval
     WHERE scope = :scope
     GROUP BY id
)
SELECT r.id, t.title, r.category, r.status, r.points, f.since, r.first_day AS changed
  FROM task_category_interval r
  JOIN first_days f ON f.id = r.id
  LEFT JOIN task_category_interval yesterday
         ON yesterday.scope = r.scope AND yesterday.id = r.id
        AND r.first_day - 1 BETWEEN yesterday.first_day AND yesterday.last_day
  LEFT JOIN maniphest_task t ON t.id = r.id
 WHERE r.scope = :scope AND r.status = 'resolved'
   AND r.first_day > CAST(:day AS date) - :days AND r.first_day <= CAST(:day AS date)
   AND yesterday.status IS DISTINCT FROM 'resolved'
 ORDER BY r.first_day, r.id
