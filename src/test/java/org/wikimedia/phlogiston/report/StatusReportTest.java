package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.wikimedia.phlogiston.dump.TestDump.ids;
import static org.wikimedia.phlogiston.history.HandBuiltHistory.at;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import org.wikimedia.phlogiston.dump.TestDump;
import org.wikimedia.phlogiston.scope.MonteCarloSettings;
import org.wikimedia.phlogiston.scope.ScopeSettings;

/**
 * The status report of project 1 (Team) in the history of the scope "recat" (src/test/resources/history-scopes:
 * Team's Doing column; Team ∩ Maintenance, forced resolved; under "Big goal", hidden; Other, omitted; the rest of
 * Team) over the window 2019-02-01 to 2019-03-01, one task per rule; and the windows the settings give.
 */
class StatusReportTest extends RecategorizedScopeTest {

    private static final String SCOPE = "recat";
    private static final int TEAM = 1;
    private static final int OTHER = 2;
    private static final int MAINTENANCE = 1454;
    private static final String NEW_FORMAT = "{\"edge:type\":41}";
    private static final LocalDate START = LocalDate.parse("2019-02-01");
    private static final LocalDate END = LocalDate.parse("2019-03-01");

    @Autowired
    StatusReportBuilder builder;

    static TestDump dump() {
        TestDump dump = new TestDump().project(TEAM, "Team").project(OTHER, "Other").project(1453, "New-Functionality")
                .project(MAINTENANCE, "Maintenance").project(1656, "Category").project(2169, "Goal")
                .column(11, "Backlog", TEAM).column(12, "Doing", TEAM);
        long jan = at("2019-01-15T10:00");
        long feb = at("2019-02-10T10:00");
        dump.task(201, "open", 3).edgeChange(jan, 1, null, ids(TEAM), NEW_FORMAT);             // In-Scope, Open
        dump.task(202, "resolved", null).edgeChange(jan, 2, null, ids(TEAM), NEW_FORMAT)       // In-Scope, Done
                .status(feb, "open", "resolved");
        dump.task(203, "open", null).edgeChange(jan, 3, null, ids(TEAM), NEW_FORMAT)           // In-Scope, Reopened
                .status(at("2019-01-20T10:00"), "open", "resolved").status(feb, "resolved", "open");
        dump.task(204, "open", null).edgeChange(jan, 4, null, ids(TEAM), NEW_FORMAT)           // In-Scope, Cut
                .edgeChange(feb, 5, ids(TEAM), ids(OTHER), NEW_FORMAT);
        dump.task(205, "open", null).subtask(206).edgeChange(jan, 6, null, ids(TEAM), NEW_FORMAT); // open parent
        dump.task(206, "open", null).edgeChange(feb, 7, null, ids(TEAM), NEW_FORMAT);          // Elaborated, Open
        dump.task(207, "resolved", null).edgeChange(feb, 8, null, ids(TEAM), NEW_FORMAT)       // Screep, Done
                .status(at("2019-02-12T10:00"), "open", "resolved");
        dump.task(208, "resolved", null).subtask(213).edgeChange(jan, 9, null, ids(TEAM), NEW_FORMAT) // resolved
                .status(at("2019-01-20T10:00"), "open", "resolved");
        dump.task(209, "open", null).edgeChange(jan, 10, null, ids(OTHER), NEW_FORMAT);        // not in Team
        dump.task(210, "open", null).edgeChange(at("2019-03-05T10:00"), 11, null, ids(TEAM), NEW_FORMAT); // too late
        dump.task(211, "declined", null).edgeChange(jan, 12, null, ids(TEAM), NEW_FORMAT)      // declined: no rows
                .status(feb, "open", "declined");
        dump.task(212, "stalled", null).edgeChange(jan, 13, null, ids(TEAM), NEW_FORMAT)       // In-Scope, Open
                .status(at("2019-01-16T10:00"), "open", "stalled");
        dump.task(213, "open", null).edgeChange(feb, 14, null, ids(TEAM), NEW_FORMAT);         // Screep: parent closed
        dump.task(214, "open", null).subtask(215).edgeChange(jan, 15, null, ids(OTHER), NEW_FORMAT); // parent elsewhere
        dump.task(215, "open", null).edgeChange(feb, 16, null, ids(TEAM), NEW_FORMAT);         // Screep
        dump.task(216, "resolved", null).edgeChange(jan, 17, null, ids(TEAM), NEW_FORMAT)      // resolved, then left
                .status(at("2019-01-20T10:00"), "open", "resolved")
                .edgeChange(feb, 18, ids(TEAM), ids(OTHER), NEW_FORMAT);
        dump.task(217, "open", null).edgeChange(jan, 19, null, ids(TEAM, OTHER), NEW_FORMAT);  // omitted category
        dump.task(218, "open", null).edgeChange(at("2019-02-01T00:00"), 20, null, ids(TEAM), NEW_FORMAT); // In-Scope
        dump.task(219, "open", null).edgeChange(jan, 21, null, ids(TEAM), NEW_FORMAT)          // In-Scope, Done
                .edgeChange(feb, 22, null, ids(MAINTENANCE), NEW_FORMAT);
        return dump;
    }

    @BeforeAll
    void loadAndRecategorize(@TempDir Path dir) throws IOException {
        load(dump(), dir);
        reconstructAndRecategorize(SCOPE);
    }

    @Test
    void everyScopeAndStatusOfTheHandBuiltProject() {
        StatusReport report = builder.report("Status report", SCOPE, TEAM, START, END);
        assertThat(report.lines()).extracting(StatusReportLine::id, StatusReportLine::scope, StatusReportLine::status)
                .containsExactly(
                        tuple(201, "In-Scope", "Open"),
                        tuple(202, "In-Scope", "Done"),
                        tuple(203, "In-Scope", "Reopened"),
                        tuple(204, "In-Scope", "Cut"),
                        tuple(205, "In-Scope", "Open"),
                        tuple(206, "Elaborated", "Open"),
                        tuple(207, "Screep", "Done"),
                        tuple(212, "In-Scope", "Open"),
                        tuple(213, "Screep", "Open"),
                        tuple(215, "Screep", "Open"),
                        tuple(218, "In-Scope", "Open"),
                        tuple(219, "In-Scope", "Done"));
        assertThat(report.lines().get(0)).extracting(StatusReportLine::title, StatusReportLine::category,
                StatusReportLine::sortOrder, StatusReportLine::points).containsExactly("Task 201", "Team rest", 4, "3");
        assertThat(report.lines().get(1).points()).isNull();
        assertThat(report.lines()).filteredOn(line -> line.id() == 219).extracting(StatusReportLine::category)
                .as("the category of the end, whose force_status makes it resolved").containsExactly("Maintenance");
        assertThat(report.lines()).filteredOn(line -> line.id() == 204).extracting(StatusReportLine::category)
                .as("a cut task keeps the category of the start").containsExactly("Team rest");
        // Before anything happened, nothing is listed.
        assertThat(builder.report("early", SCOPE, TEAM, LocalDate.parse("2019-01-02"), LocalDate.parse("2019-01-10"))
                .lines()).isEmpty();
    }

    @Test
    void theWindowsComeFromTheSettings() {
        LocalDate asOf = LocalDate.parse("2019-03-15");
        LocalDate latestData = LocalDate.parse("2019-03-06");
        assertThat(builder.build(SCOPE, settings(null, null, null, null), asOf, latestData)).isEmpty();
        // default: the as-of date's quarter to the latest data; and the quarter before, start to start
        assertThat(builder.build(SCOPE, settings(TEAM, null, null, null), asOf, latestData))
                .extracting(StatusReport::title, StatusReport::start, StatusReport::end).containsExactly(
                        tuple("Status report 2019-01-01 to 2019-03-06", LocalDate.parse("2019-01-01"), latestData),
                        tuple("Last quarter 2018-10-01 to 2019-01-01", LocalDate.parse("2018-10-01"),
                                LocalDate.parse("2019-01-01")));
        // a number of days before the as-of date (Fix P7); an end date
        assertThat(builder.build(SCOPE, settings(TEAM, null, 30, LocalDate.parse("2019-03-10")), asOf, latestData)
                .get(0))
                .extracting(StatusReport::start, StatusReport::end)
                .containsExactly(LocalDate.parse("2019-02-13"), LocalDate.parse("2019-03-10"));
        List<StatusReport> fromADate = builder.build(SCOPE, settings(TEAM, START, null, END), asOf, latestData);
        assertThat(fromADate.get(0).lines()).as("the window's report is the report of its days").hasSize(12)
                .isEqualTo(builder.report("", SCOPE, TEAM, START, END).lines());
    }

    private static ScopeSettings settings(Integer project, LocalDate start, Integer startDays, LocalDate end) {
        return new ScopeSettings("T", null, null, true, true, false, false, null, false, project, start, startDays,
                end, MonteCarloSettings.DEFAULTS);
    }
}
