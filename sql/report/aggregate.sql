-- The scope's task_on_date_agg, from its recategorized intervals (task_category_interval): the 'normal' range counts
-- every task; the 'cutoff' range leaves out every interval of the tasks already resolved in the scope's history
-- (before recategorization) on :cutoff, and 'lastq' those resolved on :cutoff_lastq, so that the burnups start from
-- zero. A null cutoff leaves nothing out. Only days up to :as_of count: a report shows the history as of its day.
-- The intervals are not spread over their days: each adds its count and points to its group (range, category,
-- status, maint_type) on its first day and takes them away the day after its last; running sums of these changes
-- give the group's sums from one change to the next, and only those runs are spread over their days. points stays
-- null on a day none of the group's tasks has points, as sum() over the task-days was. Parameters: :scope, :as_of,
-- :cutoff, :cutoff_lastq.
DELETE FROM task_on_date_agg WHERE scope = :scope;

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
), counted AS (
    SELECT range.name AS range, i.category, i.status, i.maint_type, i.points,
           i.first_day, least(i.last_day, CAST(:as_of AS date)) AS last_day
      FROM task_category_interval i
      LEFT JOIN resolved_at_cutoff e ON e.id = i.id
     CROSS JOIN LATERAL (VALUES ('normal', true),
                                ('cutoff', e.before_cutoff IS NOT TRUE),
                                ('lastq', e.before_lastq IS NOT TRUE)) AS range(name, counts)
     WHERE i.scope = :scope AND i.first_day <= CAST(:as_of AS date) AND range.counts
), change AS (
    SELECT c.range, c.category, c.status, c.maint_type, edge.day,
           sum(edge.count) AS count, sum(edge.points) AS points, sum(edge.pointed) AS pointed
      FROM counted c
     CROSS JOIN LATERAL (VALUES (c.first_day, 1, c.points, CASE WHEN c.points IS NULL THEN 0 ELSE 1 END),
                                (c.last_day + 1, -1, -c.points, CASE WHEN c.points IS NULL THEN 0 ELSE -1 END))
                        AS edge(day, count, points, pointed)
     GROUP BY c.range, c.category, c.status, c.maint_type, edge.day
), running AS (
    SELECT range, category, status, maint_type, day AS from_day, lead(day) OVER run - 1 AS to_day,
           sum(count) OVER run AS count, sum(points) OVER run AS points, sum(pointed) OVER run AS pointed
      FROM change
    WINDOW run AS (PARTITION BY range, category, status, maint_type ORDER BY day)
)
SELECT CAST(:scope AS text), r.range, day, r.category, r.status, CASE WHEN r.pointed > 0 THEN r.points END, r.count,
       r.maint_type
  FROM running r
 CROSS JOIN LATERAL generate_series(r.from_day::timestamp, r.to_day::timestamp, interval '1 day') AS day
 WHERE r.count > 0;
