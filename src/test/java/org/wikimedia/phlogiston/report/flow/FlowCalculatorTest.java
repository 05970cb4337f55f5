package org.wikimedia.phlogiston.report.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import org.wikimedia.phlogiston.report.flow.FlowMetrics.CycleTime;
import org.wikimedia.phlogiston.report.flow.FlowMetrics.StageDay;
import org.wikimedia.phlogiston.report.flow.FlowMetrics.WorkItemAge;
import org.wikimedia.phlogiston.scope.Workflow;

/** The computation alone, on intervals written out, under the default workflow (see FlowMetricsTest for a history). */
class FlowCalculatorTest {

    private static final LocalDate LATEST = LocalDate.parse("2019-01-10");

    private static TaskInterval interval(int id, String first, String last, String status) {
        return new TaskInterval(id, LocalDate.parse(first), LocalDate.parse(last), status, "Team", null, 1);
    }

    @Test
    void underTheDefaultWorkflowStalledIsCommittedWorkAndResolvedIsDone() {
        FlowMetrics flow = FlowCalculator.compute(Workflow.DEFAULT, List.of(
                interval(1, "2019-01-01", "2019-01-03", "open"),
                interval(1, "2019-01-04", "2019-01-05", "stalled"),
                interval(1, "2019-01-06", "2019-01-10", "resolved"),
                interval(2, "2019-01-03", "2019-01-04", "open"),
                interval(2, "2019-01-05", "2019-01-10", "stalled")), LATEST);
        assertThat(flow.cycleTimes()).containsExactly(
                new CycleTime(1, LocalDate.parse("2019-01-01"), LocalDate.parse("2019-01-06"), 6));
        assertThat(flow.ages()).containsExactly(new WorkItemAge(2, "Stalled", LocalDate.parse("2019-01-03"), 8));
        assertThat(flow.cfd()).filteredOn(day -> day.date().equals(LocalDate.parse("2019-01-05"))).containsExactly(
                new StageDay(LocalDate.parse("2019-01-05"), "Open", 0, 0),
                new StageDay(LocalDate.parse("2019-01-05"), "Stalled", 2, 2),
                new StageDay(LocalDate.parse("2019-01-05"), "Resolved", 0, 0));
        assertThat(flow.cfd()).hasSize(10 * 3);
        assertThat(flow.throughput()).extracting(FlowMetrics.WeekThroughput::week, FlowMetrics.WeekThroughput::tasks)
                .containsExactly(tuple(LocalDate.parse("2019-01-03"), 0L),
                        tuple(LocalDate.parse("2019-01-10"), 1L));
    }

    @Test
    void percentilesAreByNearestRank() {
        assertThat(FlowCalculator.percentile(List.of(4L), 50)).isEqualTo(4);
        assertThat(FlowCalculator.percentile(List.of(1L, 2L, 3L, 4L), 50)).isEqualTo(2);
        assertThat(FlowCalculator.percentile(List.of(1L, 2L, 3L, 4L), 85)).isEqualTo(4);
        List<Long> twenty = LongStream.rangeClosed(1, 20).boxed().toList();
        assertThat(FlowCalculator.percentile(twenty, 85)).isEqualTo(17);
    }

    @Test
    void aScopeWithoutHistoryHasNoMetrics() {
        assertThat(FlowCalculator.compute(Workflow.DEFAULT, List.of(), LATEST)).isEqualTo(FlowMetrics.NONE);
    }
}
