-- tranche_velocity_count.csv: per category and week date, the three velocities by count. Parameter: :scope.
SELECT date, category, opt_count_vel, nom_count_vel, pes_count_vel
  FROM velocity
 WHERE scope = :scope
 ORDER BY category, date
