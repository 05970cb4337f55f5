package org.wikimedia.phlogiston.scope;

import java.time.LocalDate;
import java.time.temporal.IsoFields;

/**
 * The {@code [vars]} of a scope's {@code scope.ini}. A null date or number means "not set"; the defaults that
 * depend on the day (start date, cutoff, status report window) are computed from the clock, not stored here.
 *
 * @param backlogResolvedCutoff   a date, or null; {@link #cutoffAtQuarterStart} when set to {@code default}/{@code true}
 * @param statusReportStartDays   {@code status_report_start} given as a number of days before the as-of date (Fix P7)
 * @param monteCarlo              the Monte Carlo forecast's settings
 */
public record ScopeSettings(
        String scopeTitle,
        LocalDate startDate,
        Integer defaultPoints,
        boolean showPoints,
        boolean showCount,
        boolean retroactiveCategories,
        boolean retroactivePoints,
        LocalDate backlogResolvedCutoff,
        boolean cutoffAtQuarterStart,
        Integer statusReportProject,
        LocalDate statusReportStart,
        Integer statusReportStartDays,
        LocalDate statusReportEnd,
        MonteCarloSettings monteCarlo) {

    /** The first day of the quarter of {@code day}: what the settings' "default" dates count from. */
    public static LocalDate quarterStart(LocalDate day) {
        return day.with(IsoFields.DAY_OF_QUARTER, 1);
    }

    /** The backlog_resolved_cutoff in force on {@code asOf}; null when the scope has none. */
    public LocalDate resolvedCutoff(LocalDate asOf) {
        return cutoffAtQuarterStart ? quarterStart(asOf) : backlogResolvedCutoff;
    }
}
