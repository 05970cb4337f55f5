-- Recategorization: every task-day of the scope's history gets the category of the first rule (in sort order) it
-- matches on that day. Rows of tasks closed as duplicate, invalid or declined are left out, stalled counts as open,
-- and rows of no category or of an omitted one are dropped. Rules are matched once per interval of unchanged state
-- (which includes the scope's projects the task is in: the history's view task_state_category), then the interval
-- is spread over its days. A rule with force_status makes its rows resolved. Parameter: the scope (in each statement).
DELETE FROM task_on_date_recategorized WHERE scope = ?;

INSERT INTO task_on_date_recategorized
       (scope, date, id, category, project_id, projectcolumn, phab_category_title, status, points, maint_type, priority)
SELECT s.scope, day::timestamp, s.id, s.category, s.project_id, s.projectcolumn, s.category_title,
       CASE WHEN s.force_status = 'resolved' THEN 'resolved'
            WHEN s.status = 'stalled' THEN 'open'
            ELSE s.status END,
       s.points, s.maint_type, s.priority
  FROM task_state_category s
 CROSS JOIN LATERAL generate_series(s.first_day, s.last_day, interval '1 day') AS day
 WHERE s.scope = ? AND s.status NOT IN ('duplicate', 'invalid', 'declined') AND s.display <> 'omit';

-- retroactive_categories: every day of a task takes the category of its latest day. Parameter: the scope (twice).
UPDATE task_on_date_recategorized r
   SET category = latest.category
  FROM (SELECT DISTINCT ON (id) id, category FROM task_on_date_recategorized WHERE scope = ? ORDER BY id, date DESC) latest
 WHERE r.scope = ? AND r.id = latest.id AND r.category <> latest.category;

-- retroactive_points: every day of a task takes the points of its latest day. Parameter: the scope (twice).
UPDATE task_on_date_recategorized r
   SET points = latest.points
  FROM (SELECT DISTINCT ON (id) id, points FROM task_on_date_recategorized WHERE scope = ? ORDER BY id, date DESC) latest
 WHERE r.scope = ? AND r.id = latest.id AND r.points IS DISTINCT FROM latest.points;
