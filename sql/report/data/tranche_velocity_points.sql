-- tranche_velocity_points.csv: per category and week date, the three velocities by points. Parameter: :scope.
SELECT date, category, opt_points_vel, nom_points_vel, pes_points_vel
  FROM velocity
 WHERE scope = :scope
 ORDER BY category, date
