-- The scope's task_on_date_agg, from its task_on_date_recategorized: the 'normal' range counts every task; the
-- 'cutoff' range leaves out every row of the tasks already resolved in the scope's history (before
-- recategorization) on :cutoff, and 'lastq' those resolved on :cutoff_lastq, so that the burnups start from zero.
-- A null cutoff leaves nothing out. Only days up to :as_of count: a report shows the history as of its day.
-- Parameters: :scope, :as_of, :cutoff, :cutoff_lastq.
DELETE FROM task_on_date_agg WHERE scope = :scope;

INSERT INTO task_on_date_agg (scope, range, date, category, status, points, count, maint_type)
WITH range (name, cutoff) AS (
    VALUES ('normal', CAST(NULL AS date)), ('cutoff', CAST(:cutoff AS date)), ('lastq', CAST(:cutoff_lastq AS date))
), left_out AS (
    SELECT DISTINCT range.name, s.id
      FROM range
      JOIN task_state_interval s ON s.scope = :scope AND s.status = 'resolved'
                                AND range.cutoff BETWEEN s.first_day AND s.last_day
)
SELECT r.scope, range.name, r.date, r.category, r.status, sum(r.points), count(r.id), r.maint_type
  FROM range
  JOIN task_on_date_recategorized r ON r.scope = :scope AND r.date <= :as_of
  LEFT JOIN left_out ON left_out.name = range.name AND left_out.id = r.id
 WHERE left_out.id IS NULL
 GROUP BY range.name, r.scope, r.date, r.category, r.status, r.maint_type;
