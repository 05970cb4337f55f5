package org.wikimedia.phlogiston.report;

import java.time.LocalDate;
import java.util.List;

/**
 * The status report of the scope's {@code status_report_project} over one window: every task in the project at
 * 00:00 of {@code start} or of {@code end}, except tasks closed at the start that are not open again at the end.
 *
 * @param title a heading, e.g. "Status report 2019-02-01 to 2019-03-15" or "Last quarter 2018-10-01 to 2019-01-01"
 * @param lines the tasks in id order
 */
public record StatusReport(String title, int projectId, LocalDate start, LocalDate end, List<StatusReportLine> lines) {
}
