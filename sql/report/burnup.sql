-- Per day and category up to :as_of: the open work of the 'normal' range and the resolved work of :range (see
-- aggregate.sql), as sums of points and counts of tasks. The burnup charts use 'cutoff' and 'lastq', the velocity
-- 'normal'.
SELECT date::date AS date, category,
       coalesce(sum(points) FILTER (WHERE status = 'open' AND range = 'normal'), 0)   AS open_points,
       coalesce(sum(count) FILTER (WHERE status = 'open' AND range = 'normal'), 0)    AS open_count,
       coalesce(sum(points) FILTER (WHERE status = 'resolved' AND range = :range), 0) AS resolved_points,
       coalesce(sum(count) FILTER (WHERE status = 'resolved' AND range = :range), 0)  AS resolved_count
  FROM task_on_date_agg
 WHERE scope = :scope AND date <= :as_of AND range IN ('normal', :range)
 GROUP BY date, category
 ORDER BY date, category
