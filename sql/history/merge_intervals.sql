-- Adds the intervals of an incremental run (in the temp table new_interval) to the scope's history: an
-- interval that ends on the last reconstructed day and goes on unchanged is extended, the rest are inserted.
-- The result is the same as a full run's. Parameter (twice): the first new day.
WITH extended AS (
    UPDATE task_state_interval s
       SET last_day = n.last_day
      FROM new_interval n
     WHERE s.scope = n.scope AND s.id = n.id AND n.first_day = ?::date AND s.last_day = n.first_day - 1
       AND (s.status, s.project_id, s.project, s.projectcolumn, s.points, s.maint_type, s.priority, s.category_title)
           IS NOT DISTINCT FROM
           (n.status, n.project_id, n.project, n.projectcolumn, n.points, n.maint_type, n.priority, n.category_title)
    RETURNING s.id
)
DELETE FROM new_interval n
 USING extended e
 WHERE n.id = e.id AND n.first_day = ?::date;

INSERT INTO task_state_interval SELECT * FROM new_interval;
