package org.wikimedia.phlogiston.report;

/**
 * A task of a status report, as of the last day of its window (the first day for a {@code Cut} task).
 *
 * @param title     its title at load; null when the dump has none
 * @param category  its category that day
 * @param sortOrder the category's place in the scope's rules, to sort by
 * @param scope     {@code In-Scope} (in the project at the start), {@code Elaborated} (added since, and a parent task
 *                  was in the project and open at the start) or {@code Screep} (added since, otherwise)
 * @param status    {@code Cut} (in the project at the start, no longer at the end), {@code Reopened} (resolved at
 *                  the start, open at the end), {@code Done} (resolved at the end) or {@code Open}
 * @param points    its story points as the dump gives them; null when it has none
 */
public record StatusReportLine(int id, String title, String category, int sortOrder, String scope, String status,
                               String points) {
}
