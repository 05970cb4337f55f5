-- category_possibilities.txt: what the scope's rules could match, so that rule writers see what they have not
-- matched yet: task-days of the history per parent category title, project and column, before recategorization.
-- Parameter: :scope.
SELECT sum(last_day - first_day + 1) AS count, category_title, project, projectcolumn
  FROM task_state
 WHERE scope = :scope
 GROUP BY category_title, project, projectcolumn
 ORDER BY category_title, project, projectcolumn
