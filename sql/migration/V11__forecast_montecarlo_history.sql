-- Forecast history: the Monte Carlo percentiles of every report, kept (unlike the report stage's other tables,
-- which each report rebuilds) so that readers can see how a category's dates moved from report to report. One row
-- per scope, report as-of date, category ('(all)' for the whole scope) and measure ('points' or 'count'); a
-- report made again for the same date replaces that date's rows. position keeps the report's order of rows.
CREATE TABLE forecast_montecarlo_history (
    scope               text    NOT NULL,
    date                date    NOT NULL,
    category            text    NOT NULL,
    measure             text    NOT NULL CHECK (measure IN ('points', 'count')),
    position            integer NOT NULL,
    p50_date            date,
    p85_date            date,
    p95_date            date,
    done_within_horizon numeric NOT NULL CHECK (done_within_horizon BETWEEN 0 AND 1),
    PRIMARY KEY (scope, date, category, measure)
);
