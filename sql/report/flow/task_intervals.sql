-- The flow metrics' input: the scope's history as intervals of unchanged state (the history's view task_state), up
-- to the latest data, of the tasks the report counts and without the rows the report leaves out (closed as
-- duplicate, invalid or declined). The tasks the report counts are those with recategorized rows: with an interval
-- of a shown or hidden category, as recategorize.sql finds them. They are found once, before the join: the planner,
-- guessing at the view's rows, could otherwise match the rules again for every interval. A task on no column of the
-- board has none. Ordered by task, then day, for one pass task by task.
WITH counted AS MATERIALIZED (
    SELECT DISTINCT c.id
      FROM task_state_category c
     WHERE c.scope = :scope AND c.status NOT IN ('duplicate', 'invalid', 'declined') AND c.display <> 'omit')
SELECT s.id, s.first_day, least(s.last_day, CAST(:latest AS date)) AS last_day, s.status, s.project,
       nullif(s.projectcolumn, '') AS projectcolumn, s.points
  FROM task_state s
  JOIN counted USING (id)
 WHERE s.scope = :scope
   AND s.first_day <= CAST(:latest AS date)
   AND s.status NOT IN ('duplicate', 'invalid', 'declined')
 ORDER BY s.id, s.first_day;
