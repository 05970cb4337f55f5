package org.wikimedia.phlogiston.history;

/** A task's state at the start of a day, as a row of task_on_date holds it (less scope, date and id). */
record DayState(String status, Integer projectId, String project, String projectColumn, Integer points,
                String maintType, Integer priority, String categoryTitle) {
}
