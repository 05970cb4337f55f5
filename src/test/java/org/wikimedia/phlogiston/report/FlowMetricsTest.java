package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikimedia.phlogiston.dump.TestDump.ids;
import static org.wikimedia.phlogiston.history.HandBuiltHistory.at;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import org.wikimedia.phlogiston.dump.TestDump;
import org.wikimedia.phlogiston.report.flow.FlowMetrics;
import org.wikimedia.phlogiston.report.flow.FlowMetrics.ColumnTime;
import org.wikimedia.phlogiston.report.flow.FlowMetrics.CycleTime;
import org.wikimedia.phlogiston.report.flow.FlowMetrics.StageDay;
import org.wikimedia.phlogiston.report.flow.FlowMetrics.WeekThroughput;
import org.wikimedia.phlogiston.report.flow.FlowMetrics.WorkItemAge;
import org.wikimedia.phlogiston.scope.ResolvedScope;

/**
 * The flow metrics of a hand-built history under the workflow of src/test/resources/flow-scopes/flow (Backlog,
 * Doing and Review by workboard column of project 1, Done by status resolved; committed in Doing). A change during
 * a day shows from the next day's row; the history runs from 2019-01-02 to 2019-01-14. The tasks, all in project 1:
 * <ul>
 * <li>201: Backlog, Doing from the 4th, resolved from the 6th (2 points);</li>
 * <li>202: Doing from the 2nd, resolved from the 4th, reopened from the 7th, still in Doing (3): reopened;</li>
 * <li>203: Backlog, Review from the 5th, resolved from the 8th (5): a skipped stage;</li>
 * <li>204: Backlog, Doing from the 3rd, back in Backlog from the 6th (1): a move backwards;</li>
 * <li>205: Backlog, moved to Doing and resolved on the 8th, so Done from the 9th (8): done the day it started;</li>
 * <li>206: resolved from its first day (4): finished before the history saw it;</li>
 * <li>207: open without a column (6); 208: Backlog, declined from the 5th (7), its rows left out from then on;</li>
 * <li>209: joins on the 14th, without a column (2).</li>
 * </ul>
 */
@TestPropertySource(properties = "phlogiston.scopes-dir=src/test/resources/flow-scopes")
class FlowMetricsTest extends RecategorizedScopeTest {

    private static final int TEAM = 1;
    private static final int BACKLOG = 11;
    private static final int DOING = 12;
    private static final int REVIEW = 13;
    private static final String NEW_FORMAT = "{\"edge:type\":41}";
    private static final LocalDate AS_OF = LocalDate.parse("2019-01-14");

    @Autowired
    ScopeReportBuilder builder;

    @Autowired
    DataFiles dataFiles;

    private ScopeReport report;
    private FlowMetrics flow;
    private Path data;

    @BeforeAll
    void build(@TempDir Path dir) throws IOException {
        load(dump(), dir);
        ResolvedScope scope = reconstructAndRecategorize("flow");
        recategorizer.aggregate("flow", scope.scope().settings(), AS_OF);
        report = builder.build(scope, AS_OF);
        flow = report.flow();
        data = dir.resolve("data");
        dataFiles.write(report, AS_OF, data);
    }

    private static TestDump dump() {
        TestDump dump = new TestDump().project(TEAM, "Team").column(BACKLOG, "Backlog", TEAM).column(DOING, "Doing", TEAM)
                .column(REVIEW, "Review", TEAM);
        inTeam(dump, 201, "resolved", 2).columns(at("2019-01-01T11:00"), 201_1, BACKLOG, TEAM)
                .columns(at("2019-01-03T11:00"), 201_2, DOING, TEAM)
                .status(at("2019-01-05T10:00"), "open", "resolved");
        inTeam(dump, 202, "open", 3).columns(at("2019-01-01T11:00"), 202_1, DOING, TEAM)
                .status(at("2019-01-03T10:00"), "open", "resolved")
                .status(at("2019-01-06T10:00"), "resolved", "open");
        inTeam(dump, 203, "resolved", 5).columns(at("2019-01-01T11:00"), 203_1, BACKLOG, TEAM)
                .columns(at("2019-01-04T11:00"), 203_2, REVIEW, TEAM)
                .status(at("2019-01-07T10:00"), "open", "resolved");
        inTeam(dump, 204, "open", 1).columns(at("2019-01-01T11:00"), 204_1, BACKLOG, TEAM)
                .columns(at("2019-01-02T11:00"), 204_2, DOING, TEAM)
                .columns(at("2019-01-05T11:00"), 204_3, BACKLOG, TEAM);
        inTeam(dump, 205, "resolved", 8).columns(at("2019-01-01T11:00"), 205_1, BACKLOG, TEAM)
                .columns(at("2019-01-08T09:00"), 205_2, DOING, TEAM)
                .status(at("2019-01-08T10:00"), "open", "resolved");
        inTeam(dump, 206, "resolved", 4).status(at("2018-12-30T10:00"), "open", "resolved");
        inTeam(dump, 207, "open", 6);
        inTeam(dump, 208, "declined", 7).columns(at("2019-01-01T11:00"), 208_1, BACKLOG, TEAM)
                .status(at("2019-01-04T10:00"), "open", "declined");
        dump.task(209, "open", 2).edgeChange(at("2019-01-13T09:00"), 209_0, null, ids(TEAM), NEW_FORMAT);
        return dump;
    }

    /** A task that joins project 1 on the first day of the history; its transaction ids start with its id. */
    private static TestDump.Task inTeam(TestDump dump, int id, String status, int points) {
        return dump.task(id, status, points).edgeChange(at("2019-01-01T09:00"), id * 10L, null, ids(TEAM), NEW_FORMAT);
    }

    @Test
    void theStageBandsOfEachDaySumToTheTasksTheReportCountsThatDay() {
        Map<LocalDate, Long> bands = flow.cfd().stream()
                .collect(Collectors.groupingBy(StageDay::date, Collectors.summingLong(StageDay::tasks)));
        Map<LocalDate, Long> tasks = jdbc.query("SELECT date::date AS day, count(DISTINCT id) AS tasks "
                        + "FROM task_on_date_recategorized WHERE scope = 'flow' GROUP BY 1",
                (row, n) -> Map.entry(row.getObject("day", LocalDate.class), row.getLong("tasks"))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(bands).hasSize(13).isEqualTo(tasks);
        assertThat(bands.get(LocalDate.parse("2019-01-02"))).isEqualTo(8);
        assertThat(bands.get(LocalDate.parse("2019-01-14"))).isEqualTo(8);
    }

    @Test
    void eachDayHasEveryStageInWorkflowOrder() {
        assertThat(flow.cfd()).filteredOn(day -> day.date().equals(LocalDate.parse("2019-01-05"))).containsExactly(
                new StageDay(LocalDate.parse("2019-01-05"), "Backlog", 2, 14),
                new StageDay(LocalDate.parse("2019-01-05"), "Doing", 2, 3),
                new StageDay(LocalDate.parse("2019-01-05"), "Review", 1, 5),
                new StageDay(LocalDate.parse("2019-01-05"), "Done", 2, 7));
    }

    @Test
    void cycleTimeRunsFromTheFirstDayCommittedToTheFirstDayDoneBothCounted() {
        assertThat(flow.cycleTimes()).containsExactly(
                new CycleTime(202, LocalDate.parse("2019-01-02"), LocalDate.parse("2019-01-04"), 3),
                new CycleTime(201, LocalDate.parse("2019-01-04"), LocalDate.parse("2019-01-06"), 3),
                new CycleTime(203, LocalDate.parse("2019-01-05"), LocalDate.parse("2019-01-08"), 4),
                new CycleTime(205, LocalDate.parse("2019-01-09"), LocalDate.parse("2019-01-09"), 1));
    }

    @Test
    void throughputCountsTheTasksFirstDoneInEachWeekEndingOnTheLatestData() {
        assertThat(flow.throughput()).containsExactly(
                new WeekThroughput(LocalDate.parse("2019-01-07"), 2, 5),
                new WeekThroughput(LocalDate.parse("2019-01-14"), 2, 13));
    }

    @Test
    void theAgeOfUnfinishedWorkCountsFromItsFirstCommitmentEvenWhenReopenedOrMovedBack() {
        assertThat(flow.ages()).containsExactly(
                new WorkItemAge(202, "Doing", LocalDate.parse("2019-01-02"), 13),
                new WorkItemAge(204, "Backlog", LocalDate.parse("2019-01-03"), 12));
    }

    @Test
    void columnTimeCountsEachTasksDaysInTheColumnBeforeDone() {
        assertThat(flow.columnTimes()).containsExactly(
                new ColumnTime("Team", "Backlog", 5, 3, 10),
                new ColumnTime("Team", "Doing", 3, 3, 10),
                new ColumnTime("Team", "Review", 1, 3, 3));
    }

    @Test
    void theDataFilesHoldTheMetricsUnderTheirContractedColumns() throws IOException {
        assertThat(Files.readAllLines(data.resolve("cycle_time.csv"))).containsExactly(
                "task_id,committed_date,done_date,days", "202,2019-01-02,2019-01-04,3", "201,2019-01-04,2019-01-06,3",
                "203,2019-01-05,2019-01-08,4", "205,2019-01-09,2019-01-09,1");
        assertThat(Files.readAllLines(data.resolve("throughput.csv")))
                .containsExactly("week,tasks,points", "2019-01-07,2,5", "2019-01-14,2,13");
        assertThat(Files.readAllLines(data.resolve("work_item_age.csv"))).containsExactly(
                "task_id,stage,committed_date,age_days", "202,Doing,2019-01-02,13", "204,Backlog,2019-01-03,12");
        assertThat(Files.readAllLines(data.resolve("column_time.csv"))).containsExactly(
                "project,column,tasks,median_days,p85_days", "Team,Backlog,5,3,10", "Team,Doing,3,3,10", "Team,Review,1,3,3");
        List<String> cfd = Files.readAllLines(data.resolve("cfd.csv"));
        assertThat(cfd).hasSize(1 + 13 * 4).startsWith("date,stage,tasks,points", "2019-01-02,Backlog,6,29");
    }
}
