package org.wikimedia.phlogiston.report;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.wikimedia.phlogiston.report.flow.FlowMetrics;
import org.wikimedia.phlogiston.report.forecast.ForecastTableRow;
import org.wikimedia.phlogiston.report.forecast.Measure;
import org.wikimedia.phlogiston.report.forecast.WeeklyForecast;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecast;
import org.wikimedia.phlogiston.scope.ResolvedRule;

/**
 * Everything a scope's report shows, computed from the database by {@code ScopeReportBuilder}; the charts and pages
 * are drawn from it. (The data files are queries over the same tables: see {@code DataFiles}.)
 *
 * @param categories        each category title with task-days (in the 'normal' range), once, in rule order: the
 *                          bands, legends and per-category charts
 * @param burnup            per day and category: open and resolved work (points and count), from the start date
 * @param burnupLastQuarter the same, counting as done only work resolved in the last quarter
 * @param velocity          per category and week: velocities, growth and forecasts
 * @param forecastTable     per category, weeks to completion at the latest date
 * @param rules             the scope's rules as resolved, for the rules page
 * @param statusReports     the status report of status_report_project over its window and over the last quarter;
 *                          empty when the scope has no status_report_project
 * @param maintenance       per week of the last 3 months (every 7th day back from the latest data, Fix P9) and
 *                          maint_type: the work resolved in the week, by date then maint_type (null first)
 * @param pointsHistogram   the scope's tasks resolved on the latest day, counted per points and priority (Fix P3)
 * @param categoryPossibilities what the rules could match: task-days of the history up to the latest data per
 *                          parent category title, project and column, before recategorization
 * @param monteCarlo        the Monte Carlo forecasts of the current categories and of the whole scope, each by
 *                          points then by count
 * @param monteCarloHistory the 85% dates of every report's Monte Carlo forecasts so far, this one's included, by
 *                          report date then in each report's order
 * @param flow              the flow metrics under the scope's workflow, up to the latest data
 */
public record ScopeReport(
        String scope,
        String title,
        LocalDate latestData,
        Instant generatedAt,
        URI phabricatorUrl,
        boolean showPoints,
        boolean showCount,
        List<Category> categories,
        List<DayTotals> burnup,
        List<DayTotals> burnupLastQuarter,
        List<WeeklyForecast> velocity,
        List<ForecastTableRow> forecastTable,
        List<TaskLine> openTasks,
        List<TaskLine> unpointedTasks,
        List<TaskLine> recentlyClosed,
        List<ResolvedRule> rules,
        List<StatusReport> statusReports,
        List<MaintenanceWeek> maintenance,
        List<HistogramBar> pointsHistogram,
        List<CategoryPossibility> categoryPossibilities,
        List<MonteCarloForecast> monteCarlo,
        List<MonteCarloHistoryRow> monteCarloHistory,
        FlowMetrics flow) {

    /** The same report with other Monte Carlo forecasts, forecast history and flow metrics. */
    public ScopeReport withForecastsAndFlow(List<MonteCarloForecast> otherMonteCarlo,
                                            List<MonteCarloHistoryRow> otherHistory, FlowMetrics otherFlow) {
        return new ScopeReport(scope, title, latestData, generatedAt, phabricatorUrl, showPoints, showCount, categories,
                burnup, burnupLastQuarter, velocity, forecastTable, openTasks, unpointedTasks, recentlyClosed, rules,
                statusReports, maintenance, pointsHistogram, categoryPossibilities, otherMonteCarlo, otherHistory,
                otherFlow);
    }

    /** maint_type of tasks tagged as maintenance. */
    public static final String MAINTENANCE = "Maintenance";
    /** maint_type of tasks tagged as new functionality. */
    public static final String NEW_FUNCTIONALITY = "New Functionality";

    /** A category as readers see it: its title, whether charts show it by default, and its place in rule order. */
    public record Category(String title, boolean hidden, int order) {
    }

    /** One category's work on one day. */
    public record DayTotals(LocalDate date, String category, long openPoints, long openCount, long resolvedPoints,
                            long resolvedCount) {
    }

    /**
     * A task in a list: open, unpointed or recently closed, with its category, status and points on the list's day.
     * {@code since}: its first day in the scope; {@code changed}: the day of its last status, column or project
     * transaction (none when it has none), or, for closed tasks, the day it was closed.
     */
    public record TaskLine(int id, String title, String category, String status, Integer points, LocalDate since,
                           LocalDate changed) {
    }

    /**
     * The work of one maint_type (null: neither tag) resolved in the week ending on {@code date}: the growth of its
     * resolved points and count since the week before; null on the first week, which has no week before it.
     */
    public record MaintenanceWeek(LocalDate date, String maintType, Long points, Long count) {
    }

    /** How many resolved tasks have these points (null: none) and this priority (null: none). */
    public record HistogramBar(long count, Integer points, Integer priority) {
    }

    /** A report's Monte Carlo forecast of a category in a measure: the date 85% of its trials finished by, if any. */
    public record MonteCarloHistoryRow(LocalDate date, String category, Measure measure, LocalDate p85Date) {
    }

    /** Task-days of the scope's history with this parent category title, project and column (each may be null). */
    public record CategoryPossibility(long count, String categoryTitle, String project, String projectColumn) {
    }
}
