-- Per day and category: open and resolved work (sum of points, count of tasks). Resolved work counts only when
-- its task was not already resolved on :resolved_after (null: all resolved work counts), which is how the last
-- quarter's burnup leaves out what was finished before the quarter began.
SELECT r.date::date AS date, r.category,
       coalesce(sum(r.points) FILTER (WHERE r.status = 'open'), 0)     AS open_points,
       count(*) FILTER (WHERE r.status = 'open')                       AS open_count,
       coalesce(sum(r.points) FILTER (WHERE r.status = 'resolved'), 0) AS resolved_points,
       count(*) FILTER (WHERE r.status = 'resolved')                   AS resolved_count
  FROM task_on_date_recategorized r
 WHERE r.scope = :scope
   AND r.date <= :as_of
   AND NOT (r.status = 'resolved'
            AND EXISTS (SELECT FROM task_on_date_recategorized earlier
                         WHERE earlier.scope = r.scope AND earlier.id = r.id
                           AND earlier.date = CAST(:resolved_after AS date) AND earlier.status = 'resolved'))
 GROUP BY r.date, r.category
 ORDER BY r.date, r.category
