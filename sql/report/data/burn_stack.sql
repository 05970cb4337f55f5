-- burn_open*.csv and burn_done*.csv: the bands of a burnup chart. Per day and category, the work of one status in
-- one range of task_on_date_agg, and as labels the top of its band: its work plus that of the categories before it
-- that day. Hidden categories only when :show_hidden. Parameters: :scope, :status, :range, :show_hidden.
SELECT date, category, sort_order, points, count,
       sum(points) OVER (PARTITION BY date ORDER BY sort_order, category) AS label_points,
       sum(count) OVER (PARTITION BY date ORDER BY sort_order, category) AS label_count
  FROM (SELECT t.date, t.category, z.sort_order, sum(t.points)::numeric AS points, sum(t.count)::numeric AS count
          FROM task_on_date_agg t
          JOIN report_category z ON z.scope = t.scope AND z.title = t.category
         WHERE t.scope = :scope AND t.range = :range AND t.status = :status
           AND (:show_hidden OR z.display = 'show')
         GROUP BY t.date, t.category, z.sort_order) band
 ORDER BY date, sort_order
