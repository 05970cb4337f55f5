-- Recategorization: every task-day of the scope's history (read through the history's view task_state) gets the
-- category of the first rule (in sort order) it matches on that day. Rows of tasks closed as duplicate, invalid or
-- declined are left out, stalled counts as open, and rows of no category or of an omitted one are dropped. Rules
-- are matched once per interval of unchanged state (which includes the scope's projects the task is in), then the
-- interval is spread over its days. A rule with force_status makes its rows resolved. Parameter: the scope (in each statement).
DELETE FROM task_on_date_recategorized WHERE scope = ?;

INSERT INTO task_on_date_recategorized
       (scope, date, id, category, project_id, projectcolumn, phab_category_title, status, points, maint_type, priority)
SELECT s.scope, day::timestamp, s.id, rule.title, s.project_id, s.projectcolumn, s.category_title,
       CASE WHEN rule.force_status = 'resolved' THEN 'resolved'
            WHEN s.status = 'stalled' THEN 'open'
            ELSE s.status END,
       s.points, s.maint_type, s.priority
  FROM task_state s
  CROSS JOIN LATERAL (
        SELECT c.title, c.force_status,
               -- a title used by two rules is one category, shown as its first rule says (Fix P5)
               (SELECT first.display FROM category first
                 WHERE first.scope = c.scope AND first.title = c.title
                 ORDER BY first.sort_order LIMIT 1) AS display
          FROM category c
         WHERE c.scope = s.scope
           AND CASE c.rule
                   WHEN 'ProjectByID' THEN c.project_id_list[1] = ANY (s.projects)
                   WHEN 'Intersection' THEN c.project_id_list[1] = ANY (s.projects)
                                         AND c.project_id_list[2] = ANY (s.projects)
                   WHEN 'ProjectColumn' THEN s.project_id = c.project_id_list[1]
                                          AND strpos(s.projectcolumn, c.matchstring) > 0
                   WHEN 'ParentTask' THEN c.project_id_list[1] = ANY (s.projects)
                                       AND strpos(coalesce(s.category_title, ''), c.matchstring) > 0
                   ELSE false
               END
         ORDER BY c.sort_order
         LIMIT 1) rule
 CROSS JOIN LATERAL generate_series(s.first_day, s.last_day, interval '1 day') AS day
 WHERE s.scope = ? AND s.status NOT IN ('duplicate', 'invalid', 'declined') AND rule.display <> 'omit';

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
