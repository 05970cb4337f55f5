-- The forecasts of an earlier report of the same day, before they are written again (report.MonteCarloHistory).
-- Parameters: the scope, the day.
DELETE FROM forecast_montecarlo_history WHERE scope = ? AND date = ?
