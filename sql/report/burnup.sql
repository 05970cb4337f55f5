-- Per day and category up to :as_of: the open work of the 'normal' range, and the resolved work of each range (see
-- aggregate.sql), as sums of points and counts of tasks. The velocity reads 'normal', the burnup charts 'cutoff'
-- and 'lastq'.
SELECT date::date AS date, category,
       coalesce(sum(points) FILTER (WHERE status = 'open' AND range = 'normal'), 0)       AS open_points,
       coalesce(sum(count) FILTER (WHERE status = 'open' AND range = 'normal'), 0)        AS open_count,
       coalesce(sum(points) FILTER (WHERE status = 'resolved' AND range = 'normal'), 0)   AS normal_resolved_points,
       coalesce(sum(count) FILTER (WHERE status = 'resolved' AND range = 'normal'), 0)    AS normal_resolved_count,
       coalesce(sum(points) FILTER (WHERE status = 'resolved' AND range = 'cutoff'), 0)   AS cutoff_resolved_points,
       coalesce(sum(count) FILTER (WHERE status = 'resolved' AND range = 'cutoff'), 0)    AS cutoff_resolved_count,
       coalesce(sum(points) FILTER (WHERE status = 'resolved' AND range = 'lastq'), 0)    AS lastq_resolved_points,
       coalesce(sum(count) FILTER (WHERE status = 'resolved' AND range = 'lastq'), 0)     AS lastq_resolved_count
  FROM task_on_date_agg
 WHERE scope = :scope AND date <= :as_of
 GROUP BY date, category
 ORDER BY date, category
