package org.wikimedia.phlogiston.report.flow;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.wikimedia.phlogiston.report.flow.FlowMetrics.ColumnTime;
import org.wikimedia.phlogiston.report.flow.FlowMetrics.CycleTime;
import org.wikimedia.phlogiston.report.flow.FlowMetrics.StageDay;
import org.wikimedia.phlogiston.report.flow.FlowMetrics.WeekThroughput;
import org.wikimedia.phlogiston.report.flow.FlowMetrics.WorkItemAge;
import org.wikimedia.phlogiston.scope.Workflow;

/**
 * The flow metrics of a history, in one pass over its intervals task by task. A task is finished the first day it
 * is in the done stage or a later one, and committed the first day it is in the commitment stage or a later one
 * (so a task that skips stages is committed when it passes the commitment stage, at the latest when it is done);
 * moving back or being reopened changes neither day. A task already finished on its first day in the history was
 * finished before the history saw it: it has no cycle time and counts in no week's throughput.
 */
public final class FlowCalculator {

    private static final int DAYS_PER_WEEK = 7;
    private static final int MEDIAN = 50;
    private static final int P85 = 85;

    private FlowCalculator() {
    }

    private record Column(String project, String column) {
    }

    private static final Comparator<Column> COLUMN_ORDER = Comparator
            .comparing(Column::project, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Column::column);

    /**
     * {@code intervals}: ordered by task, then first day, none after {@code latestData}.
     */
    public static FlowMetrics compute(Workflow workflow, List<TaskInterval> intervals, LocalDate latestData) {
        if (intervals.isEmpty()) {
            return FlowMetrics.NONE;
        }
        LocalDate firstDay = intervals.stream().map(TaskInterval::firstDay).min(Comparator.naturalOrder()).orElseThrow();
        int days = (int) days(firstDay, latestData);
        int stageCount = workflow.stages().size();
        // per stage, the change in tasks and points from one day to the next
        long[][] taskSteps = new long[stageCount][days + 1];
        long[][] pointSteps = new long[stageCount][days + 1];
        int weeks = (int) ((days - 1) / DAYS_PER_WEEK) + 1;
        long[] weekTasks = new long[weeks];
        long[] weekPoints = new long[weeks];
        List<CycleTime> cycleTimes = new ArrayList<>();
        List<WorkItemAge> ages = new ArrayList<>();
        Map<Column, List<Long>> columnDays = new TreeMap<>(COLUMN_ORDER);

        int start = 0;
        while (start < intervals.size()) {
            int end = start;
            while (end < intervals.size() && intervals.get(end).id() == intervals.get(start).id()) {
                end++;
            }
            List<TaskInterval> task = intervals.subList(start, end);
            LocalDate committed = null;
            TaskInterval finished = null;
            int stage = 0;
            Map<Column, Long> inColumns = new TreeMap<>(COLUMN_ORDER);
            for (TaskInterval interval : task) {
                stage = workflow.stageOf(interval.status(), interval.column());
                long points = interval.points() == null ? 0 : interval.points();
                int from = (int) days(firstDay, interval.firstDay()) - 1;
                int to = (int) days(firstDay, interval.lastDay());
                taskSteps[stage][from]++;
                taskSteps[stage][to]--;
                pointSteps[stage][from] += points;
                pointSteps[stage][to] -= points;
                if (committed == null && stage >= workflow.commitment()) {
                    committed = interval.firstDay();
                }
                if (finished == null && stage >= workflow.done()) {
                    finished = interval;
                }
                if (stage < workflow.done() && interval.column() != null) {
                    inColumns.merge(new Column(interval.project(), interval.column()),
                            days(interval.firstDay(), interval.lastDay()), Long::sum);
                }
            }
            int id = task.get(0).id();
            if (finished != null && finished.firstDay().isAfter(task.get(0).firstDay())) {
                cycleTimes.add(new CycleTime(id, committed, finished.firstDay(), days(committed, finished.firstDay())));
                int week = (int) ((days(finished.firstDay(), latestData) - 1) / DAYS_PER_WEEK);
                weekTasks[week]++;
                weekPoints[week] += finished.points() == null ? 0 : finished.points();
            }
            boolean onLatestDay = task.get(task.size() - 1).lastDay().equals(latestData);
            if (onLatestDay && committed != null && stage < workflow.done()) {
                ages.add(new WorkItemAge(id, workflow.stageName(stage), committed, days(committed, latestData)));
            }
            inColumns.forEach((column, spent) -> columnDays.computeIfAbsent(column, c -> new ArrayList<>()).add(spent));
            start = end;
        }

        List<StageDay> cfd = new ArrayList<>();
        long[] tasks = new long[stageCount];
        long[] points = new long[stageCount];
        for (int day = 0; day < days; day++) {
            for (int stage = 0; stage < stageCount; stage++) {
                tasks[stage] += taskSteps[stage][day];
                points[stage] += pointSteps[stage][day];
                cfd.add(new StageDay(firstDay.plusDays(day), workflow.stageName(stage), tasks[stage], points[stage]));
            }
        }
        List<WeekThroughput> throughput = new ArrayList<>();
        for (int week = weeks - 1; week >= 0; week--) {
            throughput.add(new WeekThroughput(latestData.minusDays((long) week * DAYS_PER_WEEK), weekTasks[week],
                    weekPoints[week]));
        }
        cycleTimes.sort(Comparator.comparing(CycleTime::done).thenComparingInt(CycleTime::taskId));
        ages.sort(Comparator.comparing(WorkItemAge::committed).thenComparingInt(WorkItemAge::taskId));
        List<ColumnTime> columnTimes = new ArrayList<>();
        columnDays.forEach((column, spent) -> {
            spent.sort(Comparator.naturalOrder());
            columnTimes.add(new ColumnTime(column.project(), column.column(), spent.size(),
                    percentile(spent, MEDIAN), percentile(spent, P85)));
        });
        return new FlowMetrics(cfd, cycleTimes, throughput, ages, columnTimes);
    }

    /**
     * The nearest-rank percentile of sorted values: the smallest value that at least {@code percent}% of them do
     * not exceed.
     */
    static long percentile(List<Long> sorted, int percent) {
        int rank = (percent * sorted.size() + 99) / 100;
        return sorted.get(Math.max(rank, 1) - 1);
    }

    /** Days from {@code from} to {@code to}, both counted. */
    private static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
