package org.wikimedia.phlogiston.report;

/**
 * A task of a status report.
 *
 * @param title  its title at load; null when the dump has none
 * @param scope  {@code In-Scope} (in the project at the start), {@code Elaborated} (added since, and a parent task
 *               was in the project and open at the start) or {@code Screep} (added since, otherwise)
 * @param status {@code Cut} (not in the project at the end, or declined/invalid/duplicate at the end),
 *               {@code Reopened} (closed at the start, open at the end), {@code Done} (resolved at the end) or
 *               {@code Open}
 */
public record StatusReportLine(int id, String title, String scope, String status) {
}
