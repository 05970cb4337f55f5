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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.database.SqlFiles;
import org.wikimedia.phlogiston.report.ScopeReport.MaintenanceWeek;

/**
 * The chart data of a report as files under the original's names and columns, so that readers' and operators'
 * spreadsheets keep working: each is one query of sql/report/data over the report stage's tables
 * (task_on_date_agg, velocity, report_category, the scope's history), written as the original's PostgreSQL COPY
 * wrote it: CSV with a header, NULL as nothing and an empty string as {@code ""}, values as PostgreSQL prints them.
 * The maintenance fractions are computed by {@link MaintenanceFraction}, as the chart's share is.
 */
@Component
public class DataFiles {

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
        // The maintenance weeks of the report, summed over the three ranges (a null range) as the original's files are.
        Set<LocalDate> weeks = report.maintenance().stream().map(MaintenanceWeek::date).collect(Collectors.toCollection(TreeSet::new));
        MapSqlParameterSource scope = new MapSqlParameterSource("scope", report.scope()).addValue("today", asOf)
                .addValue("weeks", ScopeReportBuilder.dateArray(weeks)).addValue("range", null);
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
            query("maintenance_proportion", scope, dataDir.resolve("maintenance_proportion.csv"));
            writeMaintenanceFractions(builder.maintenanceWeeks(report.scope(), weeks, null), dataDir);
            query("points_histogram", scope, dataDir.resolve("points_histogram.csv"));
            writeCategoryPossibilities(scope, dataDir.resolve("category_possibilities.txt"));
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

    /** Tab-separated without a header, as the original's COPY in text format wrote it. */
    private void writeCategoryPossibilities(MapSqlParameterSource parameters, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            jdbc.query(SqlFiles.read("sql/report/data/category_possibilities.sql"), parameters, (ResultSet rows) -> {
                try {
                    while (rows.next()) {
                        out.write(CopyFormat.textLine(values(rows, rows.getMetaData().getColumnCount())));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        }
    }

    private static List<String> values(ResultSet rows, int columns) throws SQLException {
        List<String> values = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
            values.add(rows.getString(i));
        }
        return values;
    }

    /**
     * maintenance_fraction.csv (per week) and the totals, one bare number each as the original's COPY of a one-cell
     * query without a header wrote it (nothing when undefined).
     */
    private static void writeMaintenanceFractions(List<MaintenanceWeek> maintenance, Path dataDir) throws IOException {
        try (Writer out = Files.newBufferedWriter(dataDir.resolve("maintenance_fraction.csv"), StandardCharsets.UTF_8)) {
            out.write(CopyFormat.csvLine(List.of("date", "maint_frac_points", "maint_frac_count")));
            for (MaintenanceFraction.Week week : MaintenanceFraction.weekly(maintenance)) {
                List<String> values = new ArrayList<>();
                values.add(CopyFormat.timestamp(week.date()));
                values.add(CopyFormat.number(week.points()));
                values.add(CopyFormat.number(week.count()));
                out.write(CopyFormat.csvLine(values));
            }
        }
        for (ChartMeasure measure : ChartMeasure.values()) {
            Long total = MaintenanceFraction.totalPercent(maintenance, measure::maintenance);
            Files.writeString(dataDir.resolve("maintenance_fraction_total_by_" + measure.fileSuffix() + ".csv"),
                    (total == null ? "" : total.toString()) + "\n", StandardCharsets.UTF_8);
        }
    }
}
