package org.wikimedia.phlogiston.report.flow;

import java.time.LocalDate;
import java.util.List;

/**
 * A scope's flow metrics up to its latest data, each list in the order of its data file.
 *
 * @param cfd         per day and stage (in workflow order), the tasks and their points in the stage: every stage
 *                    every day, so that the stage bands of a day sum to the scope's tasks that day
 * @param cycleTimes  per finished task, by done date then task
 * @param throughput  per week (every 7th day back from the latest data, the week ending that day), oldest first
 * @param ages        per unfinished committed task on the latest day, oldest first
 * @param columnTimes per project and workboard column, by project then column
 */
public record FlowMetrics(List<StageDay> cfd, List<CycleTime> cycleTimes, List<WeekThroughput> throughput,
                          List<WorkItemAge> ages, List<ColumnTime> columnTimes) {

    public static final FlowMetrics NONE = new FlowMetrics(List.of(), List.of(), List.of(), List.of(), List.of());

    public record StageDay(LocalDate date, String stage, long tasks, long points) {
    }

    /** Days from {@code committed} to {@code done}, both counted. */
    public record CycleTime(int taskId, LocalDate committed, LocalDate done, long days) {
    }

    /** The tasks that first reached done in the 7 days ending on {@code week}, and their points that day. */
    public record WeekThroughput(LocalDate week, long tasks, long points) {
    }

    /** Days from {@code committed} to the latest data, both counted; {@code stage}: the task's stage that day. */
    public record WorkItemAge(int taskId, String stage, LocalDate committed, long ageDays) {
    }

    /** Of the tasks that were in the column before done: how many, and the median and 85th percentile of their days. */
    public record ColumnTime(String project, String column, long tasks, long medianDays, long p85Days) {
    }
}
