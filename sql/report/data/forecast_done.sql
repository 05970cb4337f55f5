-- forecast_done.csv: per category (omitted ones included, in rule order), its work on the latest day (summed over
-- the three ranges of task_on_date_agg, as the original did), the first day it had open work and, when it has none
-- left, a week after the last day it had. Parameter: :scope.
WITH latest AS (
    SELECT max(date) AS date FROM task_on_date_agg WHERE scope = :scope
), on_latest AS (
    SELECT t.category, sum(t.points) AS points_total, sum(t.count) AS count_total
      FROM task_on_date_agg t
      JOIN latest ON t.date = latest.date
     WHERE t.scope = :scope
     GROUP BY t.category
), open_days AS (
    SELECT category, min(date) AS first_open_date, max(date) AS last_open_date
      FROM task_on_date_agg
     WHERE scope = :scope AND status = 'open'
     GROUP BY category
)
SELECT z.title AS category, z.display, l.points_total, l.count_total, z.sort_order,
       o.first_open_date,
       CASE WHEN o.last_open_date <> latest.date THEN o.last_open_date + interval '1 week' END AS resolved_date
  FROM report_category z
 CROSS JOIN latest
  LEFT JOIN on_latest l ON l.category = z.title
  LEFT JOIN open_days o ON o.category = z.title
 WHERE z.scope = :scope
 ORDER BY z.sort_order
