-- burnup.csv and burnup_showhidden.csv: per day, the resolved work of the categories, summed over the three ranges
-- of task_on_date_agg as the original did; hidden categories only when :show_hidden (Fix P4: the original's
-- burnup.csv counted them too). Parameters: :scope, :show_hidden.
SELECT t.date, sum(t.points) AS points, sum(t.count) AS count
  FROM task_on_date_agg t
  JOIN report_category z ON z.scope = t.scope AND z.title = t.category
 WHERE t.scope = :scope AND t.status = 'resolved' AND (:show_hidden OR z.display = 'show')
 GROUP BY t.date
 ORDER BY t.date
