package org.wikimedia.phlogiston.report;

import java.time.LocalDate;
import java.util.List;

/**
 * The status report of the scope's {@code status_report_project} over one window: the scope's tasks in the project
 * on the {@code start} or the {@code end} day, except tasks resolved at the start that are not open again at the end.
 *
 * @param title a heading, e.g. "Status report 2019-02-01 to 2019-03-15" or "Last quarter 2018-10-01 to 2019-01-01"
 * @param lines the tasks in id order
 */
public record StatusReport(String title, int projectId, LocalDate start, LocalDate end, List<StatusReportLine> lines) {
}
