-- forecast_montecarlo_history.csv: the Monte Carlo percentiles of every report of the scope, by report date, each
-- report's rows in its order. Parameters: :scope.
SELECT date, category, measure, p50_date, p85_date, p95_date, done_within_horizon
  FROM forecast_montecarlo_history
 WHERE scope = :scope
 ORDER BY date, position
