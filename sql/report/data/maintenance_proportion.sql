-- maintenance_proportion.csv and the maintenance chart: per week date (:weeks, every 7th day back from the latest
-- data, Fix P9) and maint_type found that day, the work resolved since the previous such date: of one range of
-- task_on_date_agg (:range, the chart's 'normal'), or summed over the three when :range is null, as the original's
-- file did. Parameters: :scope, :weeks, :range.
WITH maintenance_week AS (
    SELECT date, maint_type, sum(points) AS points, sum(count) AS count
      FROM task_on_date_agg
     WHERE scope = :scope AND status = 'resolved' AND date::date = ANY (CAST(:weeks AS date[]))
       AND (CAST(:range AS text) IS NULL OR range = :range)
     GROUP BY date, maint_type
)
SELECT CAST(:scope AS text) AS scope, date, maint_type,
       count - lag(count) OVER (PARTITION BY maint_type ORDER BY date) AS count,
       points - lag(points) OVER (PARTITION BY maint_type ORDER BY date) AS points
  FROM maintenance_week
 ORDER BY date, maint_type
