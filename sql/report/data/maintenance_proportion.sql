-- maintenance_proportion.csv and the maintenance chart: per week date (:weeks, every 7th day back from the latest
-- data, Fix P9) and maint_type found that day, the work resolved since the previous such date, summed over the
-- three ranges of task_on_date_agg as the original did. Parameters: :scope, :weeks.
WITH maintenance_week AS (
    SELECT date, maint_type, sum(points) AS points, sum(count) AS count
      FROM task_on_date_agg
     WHERE scope = :scope AND status = 'resolved' AND date::date = ANY (CAST(:weeks AS date[]))
     GROUP BY date, maint_type
)
SELECT CAST(:scope AS text) AS scope, date, maint_type,
       count - lag(count) OVER (PARTITION BY maint_type ORDER BY date) AS count,
       points - lag(points) OVER (PARTITION BY maint_type ORDER BY date) AS points
  FROM maintenance_week
 ORDER BY date, maint_type
