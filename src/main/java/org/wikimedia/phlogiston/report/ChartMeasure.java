package org.wikimedia.phlogiston.report;

import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.wikimedia.phlogiston.report.ScopeReport.DayTotals;
import org.wikimedia.phlogiston.report.ScopeReport.MaintenanceWeek;
import org.wikimedia.phlogiston.report.forecast.ForecastTableRow;
import org.wikimedia.phlogiston.report.forecast.MeasureForecast;
import org.wikimedia.phlogiston.report.forecast.WeeklyForecast;

/** The unit a chart counts work in; every chart is drawn once per unit the scope shows. */
public enum ChartMeasure {
    POINTS("points", "points", DayTotals::openPoints, DayTotals::resolvedPoints, WeeklyForecast::points, MaintenanceWeek::points,
            new ForecastColumns(ForecastTableRow::optPoints, ForecastTableRow::nomPoints,
                    ForecastTableRow::pesPoints)),
    COUNT("count", "task count", DayTotals::openCount, DayTotals::resolvedCount, WeeklyForecast::count, MaintenanceWeek::count,
            new ForecastColumns(ForecastTableRow::optCount, ForecastTableRow::nomCount, ForecastTableRow::pesCount));

    /** A measure's three weeks-to-completion columns of the forecast table. */
    public record ForecastColumns(Function<ForecastTableRow, Integer> optimistic,
                                  Function<ForecastTableRow, Integer> nominal,
                                  Function<ForecastTableRow, Integer> pessimistic) {
    }

    private final String fileSuffix;
    private final String unit;
    private final ToLongFunction<DayTotals> open;
    private final ToLongFunction<DayTotals> resolved;
    private final Function<WeeklyForecast, MeasureForecast> forecast;
    private final Function<MaintenanceWeek, Long> maintenance;
    private final ForecastColumns forecastColumns;

    ChartMeasure(String fileSuffix, String unit, ToLongFunction<DayTotals> open, ToLongFunction<DayTotals> resolved,
                 Function<WeeklyForecast, MeasureForecast> forecast, Function<MaintenanceWeek, Long> maintenance,
                 ForecastColumns forecastColumns) {
        this.fileSuffix = fileSuffix;
        this.unit = unit;
        this.open = open;
        this.resolved = resolved;
        this.forecast = forecast;
        this.maintenance = maintenance;
        this.forecastColumns = forecastColumns;
    }

    /** How file names tell the measure apart: {@code burnup_points.png}. */
    public String fileSuffix() {
        return fileSuffix;
    }

    /** The unit as titles and axes name it. */
    public String unit() {
        return unit;
    }

    public long open(DayTotals day) {
        return open.applyAsLong(day);
    }

    public long resolved(DayTotals day) {
        return resolved.applyAsLong(day);
    }

    public MeasureForecast forecast(WeeklyForecast week) {
        return forecast.apply(week);
    }

    /** The work of a maintenance row in this unit; null on the first week. */
    public Long maintenance(MaintenanceWeek week) {
        return maintenance.apply(week);
    }

    public ForecastColumns forecastColumns() {
        return forecastColumns;
    }
}
