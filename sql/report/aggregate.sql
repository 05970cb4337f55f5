-- The scope's task_on_date_agg, from its recategorized intervals (task_category_interval): the 'normal' range counts
-- every task; the 'cutoff' range leaves out every interval of the tasks already resolved in the scope's history
-- (before recategorization) on :cutoff, and 'lastq' those resolved on :cutoff_lastq, so that the burnups start from
-- zero. A null cutoff leaves nothing out. Only days up to :as_of count: a report shows the history as of its day.
-- The intervals are not spread over their days: each adds its count and points to its group (category, status,
-- maint_type) on its first day and takes them away the day after its last, in each range it counts in; running
-- sums of these changes give the group's sums from one change to the next, and only those runs are spread over
-- their days, once per range. points stays null on a day none of the group's tasks has points, as sum() over the
-- task-days was ("pointed" counts those that have). Parameters: :scope, :as_of, :cutoff, :cutoff_lastq.
-- name: delete_sums
DELETE FROM task_on_date_agg WHERE scope = :scope;

-- name: insert_sums
INSERT INTO task_on_date_agg (scope, range, date, category, status, points, count, maint_type)
WITH resolved_at_cutoff AS (
    SELECT id,
           bool_or(CAST(:cutoff AS date) BETWEEN first_day AND last_day) AS before_cutoff,
           bool_or(CAST(:cutoff_lastq AS date) BETWEEN first_day AND last_day) AS before_lastq
      FROM task_state
     WHERE scope = :scope AND status = 'resolved'
       AND (CAST(:cutoff AS date) BETWEEN first_day AND last_day
            OR CAST(:cutoff_lastq AS date) BETWEEN first_day AND last_day)
     GROUP BY id
), change AS (
    SELECT i.category, i.status, i.maint_type, edge.day,
           sum(edge.sign) AS count, sum(edge.sign * i.points) AS points,
           sum(edge.sign) FILTER (WHERE i.points IS NOT NULL) AS pointed,
           sum(edge.sign) FILTER (WHERE e.before_cutoff IS NOT TRUE) AS cutoff_count,
           sum(edge.sign * i.points) FILTER (WHERE e.before_cutoff IS NOT TRUE) AS cutoff_points,
           sum(edge.sign) FILTER (WHERE e.before_cutoff IS NOT TRUE AND i.points IS NOT NULL) AS cutoff_pointed,
           sum(edge.sign) FILTER (WHERE e.before_lastq IS NOT TRUE) AS lastq_count,
           sum(edge.sign * i.points) FILTER (WHERE e.before_lastq IS NOT TRUE) AS lastq_points,
           sum(edge.sign) FILTER (WHERE e.before_lastq IS NOT TRUE AND i.points IS NOT NULL) AS lastq_pointed
      FROM task_category_interval i
      LEFT JOIN resolved_at_cutoff e ON e.id = i.id
     CROSS JOIN LATERAL (VALUES (i.first_day, 1), (least(i.last_day, CAST(:as_of AS date)) + 1, -1)) AS edge(day, sign)
     WHERE i.scope = :scope AND i.first_day <= CAST(:as_of AS date)
     GROUP BY i.category, i.status, i.maint_type, edge.day
), running AS (
    SELECT category, status, maint_type, day AS from_day, lead(day) OVER run - 1 AS to_day,
           sum(count) OVER run AS count, sum(points) OVER run AS points, sum(pointed) OVER run AS pointed,
           sum(cutoff_count) OVER run AS cutoff_count, sum(cutoff_points) OVER run AS cutoff_points,
           sum(cutoff_pointed) OVER run AS cutoff_pointed,
           sum(lastq_count) OVER run AS lastq_count, sum(lastq_points) OVER run AS lastq_points,
           sum(lastq_pointed) OVER run AS lastq_pointed
      FROM change
    WINDOW run AS (PARTITION BY category, status, maint_type ORDER BY day)
)
SELECT CAST(:scope AS text), range.name, day, r.category, r.status,
       CASE WHEN range.pointed > 0 THEN range.points END, range.count, r.maint_type
  FROM running r
 CROSS JOIN LATERAL (VALUES ('normal', r.count, r.points, r.pointed),
                            ('cutoff', r.cutoff_count, r.cutoff_points, r.cutoff_pointed),
                            ('lastq', r.lastq_count, r.lastq_points, r.lastq_pointed)) AS range(name, count, points, pointed)
 CROSS JOIN LATERAL generate_series(r.from_day::timestamp, r.to_day::timestamp, interval '1 day') AS day
 WHERE range.count > 0;

-- name: analyze_sums
-- Statistics of the sums just written, for the steps that read them next (velocity, data files, charts): a scope
-- the statistics have not seen yet is otherwise planned as one row.
ANALYZE task_on_date_agg;
