-- tranche_velocity.csv: per category and week date, the work resolved since the week before (empty on the
-- projection rows). Parameter: :scope.
SELECT date, category, delta_points_resolved AS points, delta_count_resolved AS count
  FROM velocity
 WHERE scope = :scope
 ORDER BY category, date
