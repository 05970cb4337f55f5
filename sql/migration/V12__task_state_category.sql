-- task_state_category: each interval of unchanged state of a scope's history (task_state) with the first of the
-- scope's rules (in sort order) it matches, and how that rule's category is displayed: a title used by two rules is
-- one category, shown as its first rule says (Fix P5). An interval that matches no rule has no row. The report's
-- recategorization spreads these rows over their days; the flow metrics take the tasks they count from it.
CREATE VIEW task_state_category AS
SELECT s.scope, s.id, s.first_day, s.last_day, s.status, s.project_id, s.project, s.projectcolumn, s.points,
       s.maint_type, s.priority, s.category_title, s.projects,
       rule.title AS category, rule.force_status, rule.display
  FROM task_state s
 CROSS JOIN LATERAL (
        SELECT c.title, c.force_status,
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
         LIMIT 1) rule;

COMMENT ON VIEW task_state_category IS
    'Each interval of task_state with the first rule of its scope it matches (category), that rule''s force_status, and the display of the category''s first rule';
