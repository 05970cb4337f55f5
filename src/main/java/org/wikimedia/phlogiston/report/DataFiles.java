package org.wikimedia.phlogiston.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.database.SqlFiles;
import org.wikimedia.phlogiston.report.ScopeReport.MaintenanceWeek;
import org.wikimedia.phlogiston.report.flow.FlowMetrics;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecast;

/**
 * The chart data of a report as files under the original's names and columns, so that readers' and operators'
 * spreadsheets keep working, written as the original's PostgreSQL COPY wrote them: CSV with a header, NULL as
 * nothing and an empty string as {@code ""}, values as PostgreSQL prints them. Most are one query each of
 * sql/report/data over the report stage's tables (task_on_date_agg, velocity, report_category); the points histogram
 * and the possible categories are the report's own rows, and the maintenance files its weeks summed over the three
 * ranges, with the fractions of {@link MaintenanceFraction}, as the chart's share is. The flow metrics' files, new
 * with this program, are the report's {@link FlowMetrics}.
 */
@Component
public class DataFiles {

    /** The Monte Carlo histograms' data: per forecast, the trials that finished in each week. */
    static final String MONTE_CARLO_WEEKS = "forecast_montecarlo_weeks.csv";
    /** The burnups' fans: per forecast and week of the fan, the work done after the latest data, at 3 confidences. */
    static final String MONTE_CARLO_FAN = "forecast_montecarlo_fan.csv";

    /** The three ranges' work as burnup bands: file, status, range, hidden categories too. */
    private record Band(String file, String status, String range, boolean showHidden) {
    }

    private static final List<Band> BANDS = List.of(
            new Band("burn_open.csv", "open", "normal", false),
            new Band("burn_done.csv", "resolved", "cutoff", false),
            new Band("burn_done_lastq.csv", "resolved", "lastq", false),
            new Band("burn_open_showhidden.csv", "open", "normal", true),
            new Band("burn_done_showhidden.csv", "resolved", "cutoff", true),
            new Band("burn_done_showhidden_lastq.csv", "resolved", "lastq", true));

    private final NamedParameterJdbcTemplate jdbc;
    private final ScopeReportBuilder builder;

    public DataFiles(NamedParameterJdbcTemplate jdbc, ScopeReportBuilder builder) {
        this.jdbc = jdbc;
        this.builder = builder;
    }

    /**
     * Writes every data file of the report into {@code dataDir} (created if missing), replacing older ones.
     * {@code asOf} is the day the report is made on, from which the original counted how old a week is.
     */
    public void write(ScopeReport report, LocalDate asOf, Path dataDir) {
        MapSqlParameterSource scope = new MapSqlParameterSource("scope", report.scope()).addValue("today", asOf);
        try {
            Files.createDirectories(dataDir);
            query("backlog", scope, dataDir.resolve("backlog.csv"));
            for (Band band : BANDS) {
                query("burn_stack", withValues(scope, "status", band.status(), "range", band.range(),
                        "show_hidden", band.showHidden()), dataDir.resolve(band.file()));
            }
            query("burnup", withValues(scope, "show_hidden", false), dataDir.resolve("burnup.csv"));
            query("burnup", withValues(scope, "show_hidden", true), dataDir.resolve("burnup_showhidden.csv"));
            query("burnup_categories", scope, dataDir.resolve("burnup_categories.csv"));
            query("forecast", scope, dataDir.resolve("forecast.csv"));
            query("forecast_done", scope, dataDir.resolve("forecast_done.csv"));
            for (String velocity : List.of("tranche_velocity", "tranche_velocity_points", "tranche_velocity_count")) {
                query(velocity, scope, dataDir.resolve(velocity + ".csv"));
            }
            for (ChartPeriod period : ChartPeriod.values()) {
                query("recently_closed", withValues(scope, "period", period.noun()), dataDir.resolve(period.dataFile()));
            }
            writeMaintenance(report, dataDir);
            writeMonteCarlo(report, dataDir);
            query("forecast_montecarlo_history", scope, dataDir.resolve("forecast_montecarlo_history.csv"));
            writeLines(dataDir.resolve("points_histogram.csv"), Stream.concat(
                    Stream.of(CopyFormat.csvLine(List.of("count", "points", "priority"))),
                    report.pointsHistogram().stream().map(bar -> CopyFormat.csvLine(Arrays.asList(
                            Long.toString(bar.count()), text(bar.points()), text(bar.priority()))))));
            // Tab-separated without a header, as the original's COPY in text format wrote it.
            writeLines(dataDir.resolve("category_possibilities.txt"), report.categoryPossibilities().stream()
                    .map(row -> CopyFormat.textLine(Arrays.asList(Long.toString(row.count()), row.categoryTitle(),
                            row.project(), row.projectColumn()))));
            writeFlow(report.flow(), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the data files of " + report.scope() + " to " + dataDir, e);
        }
    }

    private static MapSqlParameterSource withValues(MapSqlParameterSource base, Object... namesAndValues) {
        MapSqlParameterSource parameters = new MapSqlParameterSource(base.getValues());
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.addValue((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return parameters;
    }

    /** The rows of sql/report/data/{@code name}.sql as CSV with a header of its column names. */
    private void query(String name, MapSqlParameterSource parameters, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            jdbc.query(SqlFiles.read("sql/report/data/" + name + ".sql"), parameters, (ResultSet rows) -> {
                try {
                    ResultSetMetaData columns = rows.getMetaData();
                    List<String> header = new ArrayList<>();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        header.add(columns.getColumnLabel(i));
                    }
                    out.write(CopyFormat.csvLine(header));
                    while (rows.next()) {
                        out.write(CopyFormat.csvLine(values(rows, columns.getColumnCount())));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        }
    }

    private static void writeLines(Path file, Stream<String> lines) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                out.write(line);
            }
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static List<String> values(ResultSet rows, int columns) throws SQLException {
        List<String> values = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
            values.add(rows.getString(i));
        }
        return values;
    }

    /** The flow metrics' files: cfd.csv, cycle_time.csv, throughput.csv, work_item_age.csv, column_time.csv. */
    private static void writeFlow(FlowMetrics flow, Path dataDir) throws IOException {
        writeTable(dataDir.resolve("cfd.csv"), List.of("date", "stage", "tasks", "points"), flow.cfd().stream()
                .map(day -> List.of(day.date(), day.stage(), day.tasks(), day.points())));
        writeTable(dataDir.resolve("cycle_time.csv"), List.of("task_id", "committed_date", "done_date", "days"),
                flow.cycleTimes().stream().map(task -> List.of(task.taskId(), task.committed(), task.done(), task.days())));
        writeTable(dataDir.resolve("throughput.csv"), List.of("week", "tasks", "points"), flow.throughput().stream()
                .map(week -> List.of(week.week(), week.tasks(), week.points())));
        writeTable(dataDir.resolve("work_item_age.csv"), List.of("task_id", "stage", "committed_date", "age_days"),
                flow.ages().stream().map(task -> List.of(task.taskId(), task.stage(), task.committed(), task.ageDays())));
        writeTable(dataDir.resolve("column_time.csv"), List.of("project", "column", "tasks", "median_days", "p85_days"),
                flow.columnTimes().stream().map(column -> Arrays.asList(column.project(), column.column(),
                        column.tasks(), column.medianDays(), column.p85Days())));
    }

    /** A CSV file with a header, each value as its text (dates as YYYY-MM-DD, nulls as nothing). */
    private static void writeTable(Path file, List<String> header, Stream<List<Object>> rows) throws IOException {
        writeLines(file, Stream.concat(Stream.of(CopyFormat.csvLine(header)), rows.map(row -> CopyFormat.csvLine(
                row.stream().map(DataFiles::text).toList()))));
    }

    /**
     * The Monte Carlo forecasts of the report, "when" (forecast_montecarlo.csv) and "how many" (forecast_howmany.csv):
     * dates as YYYY-MM-DD, nothing for a date fewer trials reached; window_weeks is how many weeks the trials drew
     * from (fewer than montecarlo_window_weeks while the category is younger). forecast_montecarlo_weeks.csv: per
     * forecast, each week of the horizon in which some trials finished, and how many (week 0, ending on the window's
     * last week, when nothing was open). forecast_montecarlo_fan.csv: per forecast, each week of its fan (week 0: the
     * latest data), the work done after the latest data in at least 50, 85 and 95% of the trials.
     */
    private static void writeMonteCarlo(ScopeReport report, Path dataDir) throws IOException {
        writeTable(dataDir.resolve("forecast_montecarlo.csv"), List.of("category", "measure", "open", "p50_date",
                "p85_date", "p95_date", "done_within_horizon", "trials", "window_weeks", "horizon_weeks"),
                report.monteCarlo().stream().map(forecast -> {
                    List<Object> row = withPercentiles(List.of(forecast.category(), forecast.measure().fileName(),
                            forecast.window().open()), forecast::finishedBy);
                    row.addAll(List.of(forecast.simulation().doneWithinHorizon().toPlainString(),
                            forecast.simulation().trials(), forecast.window().weeks(), forecast.horizonWeeks()));
                    return row;
                }));
        writeTable(dataDir.resolve(MONTE_CARLO_WEEKS), List.of("category", "measure", "week_ending", "trials"),
                report.monteCarlo().stream().flatMap(forecast -> IntStream.rangeClosed(0, forecast.horizonWeeks())
                        .filter(week -> forecast.simulation().finishedInWeek(week) > 0)
                        .mapToObj(week -> List.of(forecast.category(), forecast.measure().fileName(),
                                MonteCarloCharts.weekEnding(forecast, week), forecast.simulation().finishedInWeek(week)))));
        writeTable(dataDir.resolve(MONTE_CARLO_FAN), List.of("category", "measure", "date", "p50", "p85", "p95"),
                report.monteCarlo().stream().flatMap(forecast -> IntStream.rangeClosed(0, forecast.simulation().fanWeeks())
                        .mapToObj(week -> withPercentiles(List.of(forecast.category(), forecast.measure().fileName(),
                                MonteCarloCharts.weekEnding(forecast, week)),
                                percent -> forecast.simulation().doneInAtLeast(week, percent)))));
        writeTable(dataDir.resolve("forecast_howmany.csv"), List.of("category", "measure", "target_date", "p50", "p85",
                "p95"), report.monteCarlo().stream().map(forecast -> withPercentiles(List.of(forecast.category(),
                        forecast.measure().fileName(), forecast.targetDate()), forecast.simulation()::doneByTarget)));
    }

    /** The row's first values, then one value per percentile of {@link MonteCarloForecast#PERCENTS}. */
    private static List<Object> withPercentiles(List<Object> first, IntFunction<Object> value) {
        List<Object> row = new ArrayList<>(first);
        for (int percent : MonteCarloForecast.PERCENTS) {
            row.add(value.apply(percent));
        }
        return row;
    }

    /**
     * The maintenance files, of the report's weeks but summed over the three ranges as the original's are:
     * maintenance_proportion.csv, maintenance_fraction.csv (per week) and the totals, one bare number each as the
     * original's COPY of a one-cell query without a header wrote it (nothing when undefined).
     */
    private void writeMaintenance(ScopeReport report, Path dataDir) throws IOException {
        Set<LocalDate> weeks = report.maintenance().stream().map(MaintenanceWeek::date)
                .collect(Collectors.toCollection(TreeSet::new));
        List<MaintenanceWeek> maintenance = builder.maintenanceWeeks(report.scope(), weeks, null);
        writeLines(dataDir.resolve("maintenance_proportion.csv"), Stream.concat(
                Stream.of(CopyFormat.csvLine(List.of("scope", "date", "maint_type", "count", "points"))),
                maintenance.stream().map(week -> CopyFormat.csvLine(Arrays.asList(report.scope(),
                        CopyFormat.timestamp(week.date()), week.maintType(), text(week.count()), text(week.points()))))));
        writeLines(dataDir.resolve("maintenance_fraction.csv"), Stream.concat(
                Stream.of(CopyFormat.csvLine(List.of("date", "maint_frac_points", "maint_frac_count"))),
                MaintenanceFraction.weekly(maintenance).stream().map(week -> CopyFormat.csvLine(Arrays.asList(
                        CopyFormat.timestamp(week.date()), CopyFormat.number(week.points()),
                        CopyFormat.number(week.count()))))));
        for (ChartMeasure measure : ChartMeasure.values()) {
            Long total = MaintenanceFraction.totalPercent(maintenance, measure::maintenance);
            Files.writeString(dataDir.resolve("maintenance_fraction_total_by_" + measure.fileSuffix() + ".csv"),
                    (total == null ? "" : total.toString()) + "\n", StandardCharsets.UTF_8);
        }
    }
}
