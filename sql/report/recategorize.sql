-- Recategorization: every interval of unchanged state of the scope's history (the history's view
-- task_state_category, which matches the rules once per interval, including the scope's projects the task is in)
-- gets the category of the first rule it matches. Intervals of tasks closed as duplicate, invalid or declined are
-- left out, stalled counts as open, and intervals of no category or of an omitted one are dropped. A rule with
-- force_status makes its intervals resolved. The intervals stay intervals (task_category_interval): the view
-- task_on_date_recategorized shows them one row per day. Parameter: the scope (in each statement).
-- name: delete_intervals
DELETE FROM task_category_interval WHERE scope = ?;

-- name: insert_intervals
INSERT INTO task_category_interval
       (scope, id, first_day, last_day, category, project_id, projectcolumn, phab_category_title, status, points,
        maint_type, priority)
SELECT s.scope, s.id, s.first_day, s.last_day, s.category, s.project_id, s.projectcolumn, s.category_title,
       CASE WHEN s.force_status = 'resolved' THEN 'resolved'
            WHEN s.status = 'stalled' THEN 'open'
            ELSE s.status END,
       s.points, s.maint_type, s.priority
  FROM task_state_category s
 WHERE s.scope = ? AND s.status NOT IN ('duplicate', 'invalid', 'declined') AND s.display <> 'omit';

-- name: analyze_intervals
-- Statistics of the intervals just written, before anything else reads them: without them the planner takes a
-- scope it has not seen for a one-row scope, and both the retroactive updates below (a self-join per task) and the
-- task lists' joins become nested loops over the scope's intervals: minutes for a scope of 100,000 intervals.
ANALYZE task_category_interval;

-- name: retroactive_categories
-- retroactive_categories: every day of a task takes the category of its latest day. Parameter: the scope (twice).
UPDATE task_category_interval r
   SET category = latest.category
  FROM (SELECT DISTINCT ON (id) id, category FROM task_category_interval WHERE scope = ? ORDER BY id, last_day DESC) latest
 WHERE r.scope = ? AND r.id = latest.id AND r.category <> latest.category;

-- name: retroactive_points
-- retroactive_points: every day of a task takes the points of its latest day. Parameter: the scope (twice).
UPDATE task_category_interval r
   SET points = latest.points
  FROM (SELECT DISTINCT ON (id) id, points FROM task_category_interval WHERE scope = ? ORDER BY id, last_day DESC) latest
 WHERE r.scope = ? AND r.id = latest.id AND r.points IS DISTINCT FROM latest.points;

-- name: task_days
-- How many task-days the scope's intervals cover, for the log and the run history. Parameter: the scope.
SELECT coalesce(sum(last_day - first_day + 1), 0) FROM task_category_interval WHERE scope = ?;
