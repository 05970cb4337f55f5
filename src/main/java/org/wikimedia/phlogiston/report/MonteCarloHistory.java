package org.wikimedia.phlogiston.report;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.database.CopyTable;
import org.wikimedia.phlogiston.database.SqlFiles;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecast;

/**
 * The table forecast_montecarlo_history: every report's Monte Carlo percentiles, kept from report to report (the
 * data file forecast_montecarlo_history.csv lists them).
 */
@Component
public class MonteCarloHistory {

    private static final String COLUMNS =
            "scope, date, category, measure, position, p50_date, p85_date, p95_date, done_within_horizon";

    private final TableRows tableRows;

    MonteCarloHistory(TableRows tableRows) {
        this.tableRows = tableRows;
    }

    /** Stores the forecasts of the report made on {@code asOf}, replacing those of an earlier report of that date. */
    public void replace(String scope, LocalDate asOf, List<MonteCarloForecast> forecasts) {
        tableRows.replace("the forecast history of " + scope,
                SqlFiles.read("sql/report/delete_montecarlo_history.sql"), new Object[] {scope, asOf},
                connection -> CopyTable.copy(connection, "forecast_montecarlo_history", COLUMNS, copy -> {
                    int position = 0;
                    for (MonteCarloForecast forecast : forecasts) {
                        CopyTable row = copy.text(scope).text(asOf.toString()).text(forecast.category())
                                .text(forecast.measure().fileName()).number(position++);
                        for (int percent : MonteCarloForecast.PERCENTS) {
                            row.text(CopyFormat.date(forecast.finishedBy(percent)));
                        }
                        row.text(forecast.simulation().doneWithinHorizon().toPlainString()).endRow();
                    }
                }));
    }
}
