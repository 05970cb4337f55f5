-- backlog.csv: per day and category, all its work, open and resolved, summed over the three ranges of
-- task_on_date_agg as the original did. One title is one category (Fix P5).
SELECT t.date, t.category, z.sort_order, sum(t.points) AS points, sum(t.count) AS count, z.display
  FROM task_on_date_agg t
  JOIN report_category z ON z.scope = t.scope AND z.title = t.category
 WHERE t.scope = :scope
 GROUP BY t.date, t.category, z.sort_order, z.display
 ORDER BY z.sort_order, t.date
