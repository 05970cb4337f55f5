package org.wikimedia.phlogiston.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.PhlogistonProperties;
import org.wikimedia.phlogiston.database.SqlFiles;
import org.wikimedia.phlogiston.report.ScopeReport.Category;
import org.wikimedia.phlogiston.report.ScopeReport.DayTotals;
import org.wikimedia.phlogiston.report.ScopeReport.MaintenanceWeek;
import org.wikimedia.phlogiston.report.ScopeReport.TaskLine;
import org.wikimedia.phlogiston.report.flow.FlowReader;
import org.wikimedia.phlogiston.report.forecast.ForecastCalculator;
import org.wikimedia.phlogiston.report.forecast.ForecastTableRow;
import org.wikimedia.phlogiston.report.forecast.Measure;
import org.wikimedia.phlogiston.report.forecast.WeeklyForecast;
import org.wikimedia.phlogiston.report.forecast.WeeklySeries;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecast;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecaster;
import org.wikimedia.phlogiston.scope.CategoryRule;
import org.wikimedia.phlogiston.scope.ResolvedRule;
import org.wikimedia.phlogiston.scope.ResolvedScope;
import org.wikimedia.phlogiston.scope.ScopeSettings;

/**
 * The report's middle stages: everything a scope's report shows, computed from the sums {@link Recategorizer} has
 * just written to task_on_date_agg and from its recategorized intervals, task_category_interval (one SQL file under
 * sql/report per concern).
 */
@Component
public class ScopeReportBuilder {

    /** How far back the list of recently closed tasks reaches. */
    static final int RECENTLY_CLOSED_DAYS = 14;
    private static final int DAYS_PER_WEEK = 7;
    /** How far back the maintenance fraction reaches. */
    static final int MAINTENANCE_MONTHS = 3;

    private final NamedParameterJdbcTemplate jdbc;
    private final PhlogistonProperties properties;
    private final Clock clock;
    private final StatusReportBuilder statusReports;
    private final VelocityTable velocityTable;
    private final MonteCarloHistory monteCarloHistory;
    private final FlowReader flow;

    public ScopeReportBuilder(NamedParameterJdbcTemplate jdbc, PhlogistonProperties properties, Clock clock,
                              StatusReportBuilder statusReports, VelocityTable velocityTable,
                              MonteCarloHistory monteCarloHistory, FlowReader flow) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.statusReports = statusReports;
        this.velocityTable = velocityTable;
        this.monteCarloHistory = monteCarloHistory;
        this.flow = flow;
    }

    /**
     * The report of the scope's history up to {@code asOf}, from the rows {@link Recategorizer} has just written: its
     * {@link #velocity} and its {@link #lists}.
     */
    public ScopeReport build(ResolvedScope scope, LocalDate asOf) {
        return lists(scope, asOf, velocity(scope, asOf));
    }

    /**
     * What the report step "velocity" computes: the categories that have task-days, the daily work of each range (the
     * last day up to {@code asOf} that has rows is the report's latest data; {@code asOf} for a scope without rows),
     * and the weekly velocities and forecasts of the 'normal' range, which it also stores in the table velocity for
     * the data files, and the Monte Carlo forecasts from the same weeks, whose percentiles it adds to the forecast
     * history.
     */
    public record Velocity(List<Category> categories, Burnups days, LocalDate latestData,
                           List<WeeklyForecast> weeks, List<ForecastTableRow> forecastTable,
                           List<MonteCarloForecast> monteCarlo) {
    }

    /** Per day and category, the open work and the resolved work of one range of task_on_date_agg, each range. */
    public record Burnups(List<DayTotals> normal, List<DayTotals> cutoff, List<DayTotals> lastQuarter) {
    }

    public Velocity velocity(ResolvedScope scope, LocalDate asOf) {
        String prefix = scope.scope().prefix();
        Burnups days = burnups(prefix, asOf);
        List<Category> categories = withTaskDays(categories(scope.rules()), days.normal());
        LocalDate latestData = days.normal().stream().map(DayTotals::date).max(Comparator.naturalOrder()).orElse(asOf);
        List<WeeklySeries> series = weeklySeries(categories, days.normal(), latestData);
        List<WeeklyForecast> weeks = ForecastCalculator.weeklyForecasts(series);
        List<WeeklyForecast> current = ForecastCalculator.currentForecasts(weeks);
        velocityTable.replace(prefix, weeks, current);
        List<MonteCarloForecast> monteCarlo = MonteCarloForecaster.forecast(prefix, asOf, series,
                scope.scope().settings().monteCarlo());
        monteCarloHistory.replace(prefix, asOf, monteCarlo);
        return new Velocity(categories, days, latestData, weeks, ForecastCalculator.forecastTable(current), monteCarlo);
    }

    /**
     * The whole report, with what the report step "lists" adds to the velocity: the burnups, the task lists, the
     * status reports, the maintenance weeks, the points histogram, the possible categories and the flow metrics.
     */
    public ScopeReport lists(ResolvedScope scope, LocalDate asOf, Velocity velocity) {
        String prefix = scope.scope().prefix();
        ScopeSettings settings = scope.scope().settings();
        LocalDate latestData = velocity.latestData();
        return new ScopeReport(prefix, settings.scopeTitle(), latestData, clock.instant(),
                properties.phabricatorUrl(), settings.showPoints(), settings.showCount(), velocity.categories(),
                velocity.days().cutoff(), velocity.days().lastQuarter(), velocity.weeks(),
                velocity.forecastTable(),
                taskList(prefix, latestData, false), taskList(prefix, latestData, true),
                recentlyClosed(prefix, latestData), scope.rules(),
                statusReports.build(prefix, settings, asOf, latestData),
                maintenance(prefix, velocity.days().normal(), latestData), pointsHistogram(prefix), categoryPossibilities(prefix),
                velocity.monteCarlo(), monteCarloHistory(prefix),
                flow.metrics(prefix, scope.scope().workflow(), latestData));
    }

    /**
     * Each title once, in rule order, with the place and display of its first rule (Fix P5); omitted titles are no
     * categories, their rows being dropped.
     */
    static List<Category> categories(List<ResolvedRule> rules) {
        Map<String, ResolvedRule> firstRuleByTitle = new LinkedHashMap<>();
        rules.stream()
                .sorted(Comparator.comparingInt(ResolvedRule::sortOrder))
                .forEach(rule -> firstRuleByTitle.putIfAbsent(rule.title(), rule));
        return firstRuleByTitle.values().stream()
                .filter(rule -> rule.display() != CategoryRule.Display.OMIT)
                .map(rule -> new Category(rule.title(), rule.display() == CategoryRule.Display.HIDE, rule.sortOrder()))
                .toList();
    }

    /**
     * The categories that have task-days in the 'normal' range, as the original listed them: a rule that matches
     * nothing gets no legend entry and no charts of its own. Each keeps its place in rule order, and so its colour.
     */
    static List<Category> withTaskDays(List<Category> categories, List<DayTotals> normal) {
        Set<String> withTasks = normal.stream().filter(day -> day.openCount() + day.resolvedCount() > 0)
                .map(DayTotals::category).collect(Collectors.toSet());
        return categories.stream().filter(category -> withTasks.contains(category.title())).toList();
    }

    /** The three ranges' burnups, read in one pass over the scope's task_on_date_agg. */
    private Burnups burnups(String scope, LocalDate asOf) {
        List<DayTotals> normal = new ArrayList<>();
        List<DayTotals> cutoff = new ArrayList<>();
        List<DayTotals> lastQuarter = new ArrayList<>();
        jdbc.query(SqlFiles.read("sql/report/burnup.sql"),
                new MapSqlParameterSource("scope", scope).addValue("as_of", asOf), row -> {
                    LocalDate date = row.getObject("date", LocalDate.class);
                    String category = row.getString("category");
                    long openPoints = row.getLong("open_points");
                    long openCount = row.getLong("open_count");
                    normal.add(new DayTotals(date, category, openPoints, openCount,
                            row.getLong("normal_resolved_points"), row.getLong("normal_resolved_count")));
                    cutoff.add(new DayTotals(date, category, openPoints, openCount,
                            row.getLong("cutoff_resolved_points"), row.getLong("cutoff_resolved_count")));
                    lastQuarter.add(new DayTotals(date, category, openPoints, openCount,
                            row.getLong("lastq_resolved_points"), row.getLong("lastq_resolved_count")));
                });
        return new Burnups(normal, cutoff, lastQuarter);
    }

    /**
     * For each category, its totals on every 7th day back from the latest data; a category has a week only where it
     * has rows that day.
     */
    private static List<WeeklySeries> weeklySeries(List<Category> categories, List<DayTotals> burnup,
                                                   LocalDate latestData) {
        Map<String, List<WeeklySeries.Week>> weeksByCategory = burnup.stream()
                .filter(day -> ChronoUnit.DAYS.between(day.date(), latestData) % DAYS_PER_WEEK == 0)
                .sorted(Comparator.comparing(DayTotals::date))
                .collect(Collectors.groupingBy(DayTotals::category, Collectors.mapping(
                        day -> new WeeklySeries.Week(day.date(), day.openPoints() + day.resolvedPoints(),
                                day.openCount() + day.resolvedCount(), day.resolvedPoints(), day.resolvedCount()),
                        Collectors.toList())));
        List<WeeklySeries> series = new ArrayList<>();
        for (Category category : categories) {
            List<WeeklySeries.Week> weeks = weeksByCategory.get(category.title());
            if (weeks != null) {
                series.add(new WeeklySeries(category.title(), weeks));
            }
        }
        return series;
    }

    /**
     * Work resolved per week and maint_type over the last {@link #MAINTENANCE_MONTHS} months, counting every task once
     * (the 'normal' range of sql/report/data/maintenance_proportion.sql): on every 7th day back from the latest data
     * (Fix P9: the original picked its days by a calendar in which a month is 30 days), no earlier than the first day
     * of the history.
     */
    private List<MaintenanceWeek> maintenance(String scope, List<DayTotals> days, LocalDate latestData) {
        LocalDate first = days.stream().map(DayTotals::date).min(Comparator.naturalOrder()).orElse(null);
        if (first == null) {
            return List.of();
        }
        LocalDate since = latestData.minusMonths(MAINTENANCE_MONTHS);
        List<LocalDate> weeks = new ArrayList<>();
        for (LocalDate week = latestData; !week.isBefore(since) && !week.isBefore(first); week = week.minusDays(DAYS_PER_WEEK)) {
            weeks.add(week);
        }
        return maintenanceWeeks(scope, weeks, "normal");
    }

    /**
     * The rows of sql/report/data/maintenance_proportion.sql on the week dates: of one range of task_on_date_agg, or
     * summed over the three when {@code range} is null (as the original's data files are).
     */
    List<MaintenanceWeek> maintenanceWeeks(String scope, Collection<LocalDate> weeks, String range) {
        return jdbc.query(SqlFiles.read("sql/report/data/maintenance_proportion.sql"),
                new MapSqlParameterSource("scope", scope).addValue("weeks", dateArray(weeks)).addValue("range", range),
                (row, rowNumber) -> new MaintenanceWeek(row.getObject("date", LocalDate.class),
                        row.getString("maint_type"), nullableLong(row, "points"), nullableLong(row, "count")));
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    /** Days as a PostgreSQL array literal, for a {@code CAST(:days AS date[])} parameter. */
    private static String dateArray(Collection<LocalDate> days) {
        return days.stream().map(LocalDate::toString).collect(Collectors.joining(",", "{", "}"));
    }

    private List<ScopeReport.MonteCarloHistoryRow> monteCarloHistory(String scope) {
        return jdbc.query(SqlFiles.read("sql/report/data/forecast_montecarlo_history.sql"),
                new MapSqlParameterSource("scope", scope),
                (row, rowNumber) -> new ScopeReport.MonteCarloHistoryRow(row.getObject("date", LocalDate.class),
                        row.getString("category"), Measure.valueOf(row.getString("measure").toUpperCase(Locale.ROOT)),
                        row.getObject("p85_date", LocalDate.class)));
    }

    private List<ScopeReport.HistogramBar> pointsHistogram(String scope) {
        return jdbc.query(SqlFiles.read("sql/report/data/points_histogram.sql"), new MapSqlParameterSource("scope", scope),
                (row, rowNumber) -> new ScopeReport.HistogramBar(row.getLong("count"),
                        row.getObject("points", Integer.class), row.getObject("priority", Integer.class)));
    }

    private List<ScopeReport.CategoryPossibility> categoryPossibilities(String scope) {
        return jdbc.query(SqlFiles.read("sql/report/data/category_possibilities.sql"),
                new MapSqlParameterSource("scope", scope),
                (row, rowNumber) -> new ScopeReport.CategoryPossibility(row.getLong("count"),
                        row.getString("category_title"), row.getString("project"), row.getString("projectcolumn")));
    }

    /**
     * The tasks of the scope on {@code day}: the open ones, or ({@code unpointed}) those of any status for which the
     * dump gives no points, as the original listed them.
     */
    private List<TaskLine> taskList(String scope, LocalDate day, boolean unpointed) {
        return jdbc.query(SqlFiles.read("sql/report/task_list.sql"),
                new MapSqlParameterSource("scope", scope).addValue("day", day).addValue("unpointed", unpointed),
                ScopeReportBuilder::taskLine);
    }

    private List<TaskLine> recentlyClosed(String scope, LocalDate day) {
        return jdbc.query(SqlFiles.read("sql/report/recently_closed.sql"),
                new MapSqlParameterSource("scope", scope).addValue("day", day).addValue("days", RECENTLY_CLOSED_DAYS),
                ScopeReportBuilder::taskLine);
    }

    private static TaskLine taskLine(ResultSet row, int rowNumber) throws SQLException {
        return new TaskLine(row.getInt("id"), row.getString("title"), row.getString("category"),
                row.getString("status"), row.getObject("points", Integer.class), row.getObject("since", LocalDate.class),
                row.getObject("changed", LocalDate.class));
    }
}
