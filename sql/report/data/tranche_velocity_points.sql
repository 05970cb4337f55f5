-- tranche_velocity_points.csv: per category and week date, the three velocities by points. Parameter: :scope.
-- The latest week has two rows, the week and its projection's first point (no delta): the projection first, as
-- the original listed them, so that two reports of the same data write the same file.
SELECT date, category, opt_points_vel, nom_points_vel, pes_points_vel
  FROM velocity
 WHERE scope = :scope
 ORDER BY category, date, delta_count_resolved IS NOT NULL
