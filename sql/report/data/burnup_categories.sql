-- burnup_categories.csv: per day and category (hidden ones included), the resolved work, summed over the three
-- ranges of task_on_date_agg as the original did.
SELECT t.date, t.category, sum(t.points) AS points, sum(t.count) AS count
  FROM task_on_date_agg t
  JOIN report_category z ON z.scope = t.scope AND z.title = t.category
 WHERE t.scope = :scope AND t.status = 'resolved'
 GROUP BY t.date, t.category
 ORDER BY t.category, t.date
