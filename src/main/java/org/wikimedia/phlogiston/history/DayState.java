package org.wikimedia.phlogiston.history;

import java.util.List;

/**
 * A task's state at the start of a day, as a row of task_on_date holds it (less scope, date and id), and which of
 * the scope's projects it is in then (in rule order), for recategorization.
 */
record DayState(String status, Integer projectId, String project, String projectColumn, Integer points,
                String maintType, Integer priority, String categoryTitle, List<Integer> projects) {
}
