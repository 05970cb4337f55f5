package org.wikimedia.phlogiston.report.flow;

import java.time.LocalDate;

/** A run of days ({@code firstDay} to {@code lastDay}) over which a task's state stays the same: a row of task_state. */
public record TaskInterval(int id, LocalDate firstDay, LocalDate lastDay, String status, String project,
                           String column, Integer points) {
}
