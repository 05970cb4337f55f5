-- tranche_velocity_count.csv: per category and week date, the three velocities by count. Parameter: :scope.
-- The latest week has two rows, the week and its projection's first point (no delta): the projection first, as
-- the original listed them, so that two reports of the same data write the same file.
SELECT date, category, opt_count_vel, nom_count_vel, pes_count_vel
  FROM velocity
 WHERE scope = :scope
 ORDER BY category, date, delta_count_resolved IS NOT NULL
