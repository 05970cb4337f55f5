-- tranche_velocity.csv: per category and week date, the work resolved since the week before (empty on the
-- projection rows). Parameter: :scope.
-- The latest week has two rows, the week and its projection's first point (no delta): the projection first, as
-- the original listed them, so that two reports of the same data write the same file.
SELECT date, category, delta_points_resolved AS points, delta_count_resolved AS count
  FROM velocity
 WHERE scope = :scope
 ORDER BY category, date, delta_count_resolved IS NOT NULL
