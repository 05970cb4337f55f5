-- recently_closed_week|month|quarter.csv and the completed-work charts: work resolved per period (dated by its
-- first day) and category, the sum of the weekly velocity's gains; weeks only for the last 3 months. The projection
-- rows of the velocity table have no period: the original listed them so, with empty dates and sums.
-- Parameters: :scope, :period ('week', 'month' or 'quarter'), :today.
SELECT CASE :period WHEN 'week' THEN v.week WHEN 'month' THEN v.month ELSE v.quarter END AS date,
       z.sort_order, max(v.category) AS category,
       sum(v.delta_points_resolved) AS points, sum(v.delta_count_resolved) AS count
  FROM velocity v
  LEFT JOIN report_category z ON z.scope = v.scope AND z.title = v.category
 WHERE v.scope = :scope
   AND (:period <> 'week' OR v.date >= CAST(:today AS timestamp) - interval '3 months')
 GROUP BY 1, z.sort_order
 ORDER BY 1, z.sort_order
