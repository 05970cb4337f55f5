-- The scope's task_on_date_agg, from its task_on_date_recategorized: the 'normal' range counts every task; the
-- 'cutoff' range leaves out every row of the tasks already resolved in the scope's history (before
-- recategorization) on :cutoff, and 'lastq' those resolved on :cutoff_lastq, so that the burnups start from zero.
-- A null cutoff leaves nothing out. Only days up to :as_of count: a report shows the history as of its day.
-- The three ranges are summed in one pass over the rows. Parameters: :scope, :as_of, :cutoff, :cutoff_lastq.
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
), sums AS (
    SELECT r.date, r.category, r.status, r.maint_type,
           sum(r.points) AS points, count(*) AS count,
           sum(r.points) FILTER (WHERE e.before_cutoff IS NOT TRUE) AS cutoff_points,
           count(*) FILTER (WHERE e.before_cutoff IS NOT TRUE) AS cutoff_count,
           sum(r.points) FILTER (WHERE e.before_lastq IS NOT TRUE) AS lastq_points,
           count(*) FILTER (WHERE e.before_lastq IS NOT TRUE) AS lastq_count
      FROM task_on_date_recategorized r
      LEFT JOIN resolved_at_cutoff e ON e.id = r.id
     WHERE r.scope = :scope AND r.date <= :as_of
     GROUP BY r.date, r.category, r.status, r.maint_type
)
SELECT CAST(:scope AS text), range.name, s.date, s.category, s.status, range.points, range.count, s.maint_type
  FROM sums s
 CROSS JOIN LATERAL (VALUES ('normal', s.points, s.count),
                            ('cutoff', s.cutoff_points, s.cutoff_count),
                            ('lastq', s.lastq_points, s.lastq_count)) AS range(name, points, count)
 WHERE range.count > 0;
