-- What the scope's rules could match: task-days of the history per parent category title, project and column,
-- before recategorization, so that rule writers see what they have not matched yet.
SELECT count(*) AS count, category_title, project, projectcolumn
  FROM task_on_date
 WHERE scope = :scope AND date <= :day
 GROUP BY category_title, project, projectcolumn
 ORDER BY category_title NULLS LAST, project, projectcolumn
