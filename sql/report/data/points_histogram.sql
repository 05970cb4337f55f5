-- points_histogram.csv and its chart: the scope's tasks resolved on the last day of its history, before
-- recategorization, per points and priority (Fix P3: the original counted other scopes' tasks too). count counts
-- pointed tasks only, as the original's COUNT(points) did. Parameter: :scope.
SELECT count(s.points) AS count, s.points, s.priority
  FROM task_state s
 WHERE s.scope = :scope AND s.status = 'resolved'
   AND s.last_day = (SELECT max(last_day) FROM task_state WHERE scope = :scope)
 GROUP BY s.points, s.priority
 ORDER BY s.priority, s.points
