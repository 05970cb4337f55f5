package org.wikimedia.phlogiston.history;

import java.time.LocalDate;

/** Consecutive days on which a task had the same state: a row of task_state_interval. */
record StateInterval(int taskId, LocalDate firstDay, LocalDate lastDay, DayState state) {
}
