-- The flow metrics' input: the scope's history as intervals of unchanged state (the history's view task_state), up
-- to the latest data, of the tasks the report counts and without the rows the report leaves out (closed as
-- duplicate, invalid or declined). The tasks the report counts are those with recategorized intervals
-- (task_category_interval): each interval is checked by one lookup in that table's index, whatever the planner
-- guesses about a history it may not have statistics of yet. A task on no column of the board has none. Ordered
-- by task, then day, for one pass task by task.
SELECT s.id, s.first_day, least(s.last_day, CAST(:latest AS date)) AS last_day, s.status, s.project,
       nullif(s.projectcolumn, '') AS projectcolumn, s.points
  FROM task_state s
 WHERE s.scope = :scope
   AND s.first_day <= CAST(:latest AS date)
   AND s.status NOT IN ('duplicate', 'invalid', 'declined')
   AND EXISTS (SELECT FROM task_category_interval c WHERE c.scope = s.scope AND c.id = s.id)
 ORDER BY s.id, s.first_day;
