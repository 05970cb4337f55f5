-- Recategorization: every task-day of the scope's history gets the category of the first rule (in sort order)
-- it matches on that day. Rows of tasks closed as duplicate, invalid or declined are left out, stalled counts as
-- open, and rows of no category or of an omitted one are dropped. Membership of projects is read at the same
-- instant as the rest of the row (00:00 of the day). Parameter: the scope (three times).
DELETE FROM task_on_date_recategorized WHERE scope = ?;

INSERT INTO task_on_date_recategorized
       (scope, date, id, category, project_id, projectcolumn, phab_category_title, status, points, maint_type, priority)
SELECT t.scope, t.date, t.id, rule.title, t.project_id, t.projectcolumn, t.category_title,
       CASE WHEN rule.force_status = 'resolved' THEN 'resolved'
            WHEN t.status = 'stalled' THEN 'open'
            ELSE t.status END,
       t.points, t.maint_type, t.priority
  FROM task_on_date t
  CROSS JOIN LATERAL (
        SELECT c.title, c.display, c.force_status
          FROM category c
         WHERE c.scope = t.scope
           AND CASE c.rule
                   WHEN 'ProjectByID' THEN in_project(t.id, c.project_id_list[1], t.date)
                   WHEN 'Intersection' THEN in_project(t.id, c.project_id_list[1], t.date)
                                         AND in_project(t.id, c.project_id_list[2], t.date)
                   WHEN 'ProjectColumn' THEN t.project_id = c.project_id_list[1]
                                          AND strpos(t.projectcolumn, c.matchstring) > 0
                   WHEN 'ParentTask' THEN in_project(t.id, c.project_id_list[1], t.date)
                                       AND strpos(coalesce(t.category_title, ''), c.matchstring) > 0
                   ELSE false
               END
         ORDER BY c.sort_order
         LIMIT 1) rule
 WHERE t.scope = ? AND t.status NOT IN ('duplicate', 'invalid', 'declined') AND rule.display <> 'omit';

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
