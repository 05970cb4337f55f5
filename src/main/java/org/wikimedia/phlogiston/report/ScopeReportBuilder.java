package org.wikimedia.phlogiston.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
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
import org.wikimedia.phlogiston.report.forecast.ForecastCalculator;
import org.wikimedia.phlogiston.report.forecast.WeeklyForecast;
import org.wikimedia.phlogiston.report.forecast.WeeklySeries;
import org.wikimedia.phlogiston.scope.CategoryRule;
import org.wikimedia.phlogiston.scope.ResolvedRule;
import org.wikimedia.phlogiston.scope.ResolvedScope;
import org.wikimedia.phlogiston.scope.ScopeSettings;

/**
 * The report's second stage: everything a scope's report shows, computed from the rows {@link Recategorizer} has
 * just written to task_on_date_recategorized (one SQL file under sql/report per concern).
 */
@Component
public class ScopeReportBuilder {

    /** The last quarter, as the original counted it. */
    static final int LAST_QUARTER_DAYS = 91;
    /** How far back the list of recently closed tasks reaches. */
    static final int RECENTLY_CLOSED_DAYS = 14;
    private static final int DAYS_PER_WEEK = 7;
    /** How far back the maintenance fraction reaches. */
    static final int MAINTENANCE_MONTHS = 3;

    private final NamedParameterJdbcTemplate jdbc;
    private final PhlogistonProperties properties;
    private final Clock clock;
    private final StatusReportBuilder statusReports;

    public ScopeReportBuilder(NamedParameterJdbcTemplate jdbc, PhlogistonProperties properties, Clock clock,
                              StatusReportBuilder statusReports) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.statusReports = statusReports;
    }

    /**
     * The report of the scope's history up to {@code asOf}; its latest data is the last day up to then that has
     * rows. A scope without any rows gets an empty report dated {@code asOf}.
     */
    public ScopeReport build(ResolvedScope scope, LocalDate asOf) {
        String prefix = scope.scope().prefix();
        ScopeSettings settings = scope.scope().settings();
        List<Category> categories = categories(scope.rules());
        // backlog_resolved_cutoff: work resolved by then stays off the done side, so the burnup starts from zero;
        // the last-quarter variant moves that cutoff 91 days earlier. Without a cutoff both count everything.
        LocalDate cutoff = settings.cutoffAtQuarterStart() ? ScopeSettings.quarterStart(asOf) : settings.backlogResolvedCutoff();
        List<DayTotals> burnup = burnup(prefix, asOf, cutoff);
        LocalDate latestData = burnup.stream().map(DayTotals::date).max(Comparator.naturalOrder()).orElse(asOf);
        List<DayTotals> burnupLastQuarter = burnup(prefix, asOf, cutoff == null ? null : cutoff.minusDays(LAST_QUARTER_DAYS));
        List<WeeklySeries> weeklySeries = weeklySeries(categories, burnup, latestData);
        List<WeeklyForecast> velocity = weeklySeries.stream()
                .flatMap(series -> ForecastCalculator.weeklyForecasts(series).stream())
                .toList();
        return new ScopeReport(prefix, settings.scopeTitle(), latestData, clock.instant(),
                properties.phabricatorUrl(), settings.showPoints(), settings.showCount(), categories, burnup,
                burnupLastQuarter, velocity, ForecastCalculator.forecastTable(weeklySeries),
                openTasks(prefix, latestData, false), openTasks(prefix, latestData, true),
                recentlyClosed(prefix, latestData), scope.rules(), statusReports.build(settings, asOf, latestData),
                maintenance(prefix, burnup, latestData), pointsHistogram(prefix, latestData),
                categoryPossibilities(prefix, latestData));
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

    private List<DayTotals> burnup(String scope, LocalDate asOf, LocalDate resolvedAfter) {
        return jdbc.query(SqlFiles.read("sql/report/burnup.sql"),
                new MapSqlParameterSource("scope", scope).addValue("as_of", asOf).addValue("resolved_after", resolvedAfter),
                (row, rowNumber) -> new DayTotals(row.getObject("date", LocalDate.class), row.getString("category"),
                        row.getLong("open_points"), row.getLong("open_count"), row.getLong("resolved_points"),
                        row.getLong("resolved_count")));
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

    private record MaintenanceDay(LocalDate date, String maintType, long points, long count) {
    }

    /**
     * Work resolved per week and maint_type over the last {@link #MAINTENANCE_MONTHS} months: on every 7th day back
     * from the latest data (Fix P9: the original picked its days by a calendar in which a month is 30 days), no
     * earlier than the first day of the history. Every week lists Maintenance, New Functionality and the untagged
     * (null) work, and any other maint_type found; the first week has no growth.
     */
    private List<MaintenanceWeek> maintenance(String scope, List<DayTotals> burnup, LocalDate latestData) {
        LocalDate first = burnup.stream().map(DayTotals::date).min(Comparator.naturalOrder()).orElse(null);
        if (first == null) {
            return List.of();
        }
        LocalDate since = latestData.minusMonths(MAINTENANCE_MONTHS);
        if (since.isBefore(first)) {
            since = first;
        }
        List<LocalDate> weeks = new ArrayList<>();
        for (LocalDate week = latestData; !week.isBefore(since); week = week.minusDays(DAYS_PER_WEEK)) {
            weeks.add(0, week);
        }
        List<MaintenanceDay> days = jdbc.query(SqlFiles.read("sql/report/maintenance.sql"),
                new MapSqlParameterSource("scope", scope).addValue("since", weeks.get(0)).addValue("day", latestData),
                (row, rowNumber) -> new MaintenanceDay(row.getObject("date", LocalDate.class),
                        row.getString("maint_type"), row.getLong("points"), row.getLong("count")));
        TreeSet<String> types = new TreeSet<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        types.add(null);
        types.add(ScopeReport.MAINTENANCE);
        types.add(ScopeReport.NEW_FUNCTIONALITY);
        days.forEach(day -> types.add(day.maintType()));
        List<MaintenanceWeek> result = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            LocalDate week = weeks.get(i);
            LocalDate before = i == 0 ? null : weeks.get(i - 1);
            for (String type : types) {
                MaintenanceDay now = maintenanceDay(days, week, type);
                MaintenanceDay then = before == null ? null : maintenanceDay(days, before, type);
                result.add(then == null && before == null ? new MaintenanceWeek(week, type, null, null)
                        : new MaintenanceWeek(week, type, now.points() - then.points(), now.count() - then.count()));
            }
        }
        return result;
    }

    /** The resolved work of the type on the day; none resolved: zero. */
    private static MaintenanceDay maintenanceDay(List<MaintenanceDay> days, LocalDate date, String type) {
        return days.stream()
                .filter(day -> day.date().equals(date) && Objects.equals(day.maintType(), type))
                .findFirst().orElse(new MaintenanceDay(date, type, 0, 0));
    }

    private List<ScopeReport.HistogramBar> pointsHistogram(String scope, LocalDate day) {
        return jdbc.query(SqlFiles.read("sql/report/points_histogram.sql"),
                new MapSqlParameterSource("scope", scope).addValue("day", day),
                (row, rowNumber) -> new ScopeReport.HistogramBar(row.getLong("count"),
                        row.getObject("points", Integer.class), row.getObject("priority", Integer.class)));
    }

    private List<ScopeReport.CategoryPossibility> categoryPossibilities(String scope, LocalDate day) {
        return jdbc.query(SqlFiles.read("sql/report/category_possibilities.sql"),
                new MapSqlParameterSource("scope", scope).addValue("day", day),
                (row, rowNumber) -> new ScopeReport.CategoryPossibility(row.getLong("count"),
                        row.getString("category_title"), row.getString("project"), row.getString("projectcolumn")));
    }

    private List<TaskLine> openTasks(String scope, LocalDate day, boolean unpointedOnly) {
        return jdbc.query(SqlFiles.read("sql/report/open_tasks.sql"),
                new MapSqlParameterSource("scope", scope).addValue("day", day).addValue("unpointed_only", unpointedOnly),
                ScopeReportBuilder::taskLine);
    }

    private List<TaskLine> recentlyClosed(String scope, LocalDate day) {
        return jdbc.query(SqlFiles.read("sql/report/recently_closed.sql"),
                new MapSqlParameterSource("scope", scope).addValue("day", day).addValue("days", RECENTLY_CLOSED_DAYS),
                ScopeReportBuilder::taskLine);
    }

    private static TaskLine taskLine(ResultSet row, int rowNumber) throws SQLException {
        return new TaskLine(row.getInt("id"), row.getString("title"), row.getString("category"),
                row.getObject("points", Integer.class), row.getObject("since", LocalDate.class),
                row.getObject("changed", LocalDate.class));
    }
}
