package org.wikimedia.phlogiston.report;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.PhlogistonProperties;
import org.wikimedia.phlogiston.database.SqlFiles;
import org.wikimedia.phlogiston.scope.ScopeSettings;

/**
 * The status reports of a scope with a {@code status_report_project} (one project id: Fix R3), from the scope's
 * recategorized history (task_category_interval, so they run after recategorization) as the original's were:
 * <ul>
 * <li>the window: from {@code status_report_start} (a date; {@code default}: the start of the as-of date's quarter;
 * a number: that many days before the as-of date, Fix P7) to {@code status_report_end}, else the latest data;</li>
 * <li>the last quarter: the calendar quarter before the as-of date's, start to start, as the original did.</li>
 * </ul>
 * Membership in the project is read from the dump's memberships at 00:00 of each day in the configured time zone,
 * the instant the history's rows stand for (Fix R1).
 */
@Component
public class StatusReportBuilder {

    private final NamedParameterJdbcTemplate jdbc;
    private final ZoneId zone;

    public StatusReportBuilder(NamedParameterJdbcTemplate jdbc, PhlogistonProperties properties) {
        this.jdbc = jdbc;
        this.zone = properties.timeZone();
    }

    /** The window's report and the last quarter's; none when the scope has no status report project. */
    public List<StatusReport> build(String scope, ScopeSettings settings, LocalDate asOf, LocalDate latestData) {
        Integer project = settings.statusReportProject();
        if (project == null) {
            return List.of();
        }
        LocalDate quarterStart = ScopeSettings.quarterStart(asOf);
        LocalDate start = windowStart(settings, asOf);
        LocalDate end = settings.statusReportEnd() != null ? settings.statusReportEnd() : latestData;
        return List.of(
                report("Status report " + start + " to " + end, scope, project, start, end),
                report("Last quarter " + quarterStart.minusMonths(3) + " to " + quarterStart, scope, project,
                        quarterStart.minusMonths(3), quarterStart));
    }

    static LocalDate windowStart(ScopeSettings settings, LocalDate asOf) {
        if (settings.statusReportStart() != null) {
            return settings.statusReportStart();
        }
        if (settings.statusReportStartDays() != null) {
            return asOf.minusDays(settings.statusReportStartDays());
        }
        return ScopeSettings.quarterStart(asOf);
    }

    /** The report of {@code project} in the history of {@code scope} between the days {@code start} and {@code end}. */
    public StatusReport report(String title, String scope, int project, LocalDate start, LocalDate end) {
        List<StatusReportLine> lines = jdbc.query(SqlFiles.read("sql/report/status_report.sql"),
                new MapSqlParameterSource("scope", scope)
                        .addValue("project", project)
                        .addValue("initial_day", start)
                        .addValue("final_day", end)
                        .addValue("initial_at", start.atStartOfDay(zone).toOffsetDateTime())
                        .addValue("final_at", end.atStartOfDay(zone).toOffsetDateTime()),
                (row, rowNumber) -> new StatusReportLine(row.getInt("id"), row.getString("title"),
                        row.getString("category"), row.getInt("sort_order"), row.getString("scope"),
                        row.getString("status"), row.getString("points")));
        return new StatusReport(title, project, start, end, lines);
    }
}
