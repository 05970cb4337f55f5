-- Continues a scope's history with the intervals of an incremental run (in the temp table new_interval), which
-- starts again at the last day stored: that day may have been computed from a dump that did not yet hold all of
-- its changes. So the stored history first gives up that day; then an interval that ends on the day before and
-- goes on unchanged is extended; the rest are inserted after (sql/history/write_intervals.sql). The result is the
-- same as a full run's.

-- name: give_up_first_day
-- Give up the first new day. Parameters: the scope, the first new day.
DELETE FROM task_state_interval WHERE scope = ? AND first_day = ?::date;

-- name: end_before_first_day
-- Parameters: the first new day, the scope, the first new day.
UPDATE task_state_interval SET last_day = ?::date - 1 WHERE scope = ? AND last_day >= ?::date;

-- name: extend_unchanged
-- Parameter (twice): the first new day.
WITH extended AS (
    UPDATE task_state_interval s
       SET last_day = n.last_day
      FROM new_interval n
     WHERE s.scope = n.scope AND s.id = n.id AND n.first_day = ?::date AND s.last_day = n.first_day - 1
       AND (s.status, s.project_id, s.project, s.projectcolumn, s.points, s.maint_type, s.priority, s.category_title,
            s.projects)
           IS NOT DISTINCT FROM
           (n.status, n.project_id, n.project, n.projectcolumn, n.points, n.maint_type, n.priority, n.category_title,
            n.projects)
    RETURNING s.id
)
DELETE FROM new_interval n
 USING extended e
 WHERE n.id = e.id AND n.first_day = ?::date;
