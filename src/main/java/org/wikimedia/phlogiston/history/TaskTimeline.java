package org.wikimedia.phlogiston.history;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.wikimedia.phlogiston.history.TaskFacts.Change;
import org.wikimedia.phlogiston.history.TaskFacts.ColumnMove;
import org.wikimedia.phlogiston.history.TaskFacts.Membership;

/**
 * One task's history in a scope, day by day: the state at the start of each day (one instant for every field),
 * merged into intervals of equal state. Works on the task's changes in memory (a handful per task), read once;
 * no per-day queries.
 */
final class TaskTimeline {

    static final String NEW_FUNCTIONALITY = "New Functionality";
    static final String MAINTENANCE = "Maintenance";
    private static final String DEFAULT_STATUS = "open";
    /** An integer as the dump writes one; at most 9 digits, so that it fits an int whatever it says. */
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");

    private final ScopeContext scope;

    TaskTimeline(ScopeContext scope) {
        this.scope = scope;
    }

    /** The task's intervals over the days {@code firstDay..lastDay}; days it is not in scope have none. */
    List<StateInterval> intervals(TaskFacts task, LocalDate firstDay, LocalDate lastDay) {
        Instant statusAtLoadFrom = statusAtLoadFrom(task);
        List<StateInterval> intervals = new ArrayList<>();
        StateInterval open = null;
        for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
            DayState state = stateAt(task, day.atStartOfDay(scope.zone()).toInstant(), statusAtLoadFrom);
            if (state == null) {
                open = null;
            } else if (open != null && open.state().equals(state)) {
                open = new StateInterval(task.id, open.firstDay(), day, state);
                intervals.set(intervals.size() - 1, open);
            } else {
                open = new StateInterval(task.id, day, day, state);
                intervals.add(open);
            }
        }
        return intervals;
    }

    /**
     * When the status at load is not the one the status changes end in (it changed through a transaction the
     * dump does not have, e.g. a merge), it holds from the task's last modification on; before, the changes do.
     */
    private static Instant statusAtLoadFrom(TaskFacts task) {
        String reconstructed = task.statusChanges.isEmpty() ? DEFAULT_STATUS
                : task.statusChanges.get(task.statusChanges.size() - 1).newValue();
        boolean differs = task.statusAtLoad != null && !task.statusAtLoad.equals(reconstructed);
        return differs && task.modifiedAtLoad != null ? task.modifiedAtLoad : null;
    }

    private DayState stateAt(TaskFacts task, Instant at, Instant statusAtLoadFrom) {
        List<Integer> projects = scopeProjectsAt(task, at);
        if (projects.isEmpty()) {
            return null;
        }
        Integer projectId = projects.get(0);
        String status = statusAtLoadFrom != null && !statusAtLoadFrom.isAfter(at) ? task.statusAtLoad
                : valueAt(task.statusChanges, at, DEFAULT_STATUS);
        return new DayState(status, projectId, scope.projectNames().get(projectId), columnAt(task, projectId, at),
                pointsAt(task, at), maintTypeAt(task, at), priorityAt(task, at), task.categoryTitle, projects);
    }

    /** The scope's projects the task is in, in rule order: the first is the task's project. */
    private List<Integer> scopeProjectsAt(TaskFacts task, Instant at) {
        List<Integer> projects = new ArrayList<>(2);
        for (Integer projectId : scope.projectIds()) {
            if (isIn(task, projectId, at)) {
                projects.add(projectId);
            }
        }
        return projects;
    }

    private static boolean isIn(TaskFacts task, int projectId, Instant at) {
        for (Membership membership : task.memberships) {
            if (membership.projectId() == projectId && membership.contains(at)) {
                return true;
            }
        }
        return false;
    }

    /** The newValue of the latest change by then; before the first change, its oldValue; else the fallback. */
    private static String valueAt(List<Change> changes, Instant at, String fallback) {
        Change latest = latestBy(changes, at);
        if (latest != null) {
            return latest.newValue();
        }
        String before = changes.isEmpty() ? null : changes.get(0).oldValue();
        return before == null ? fallback : before;
    }

    private static Change latestBy(List<Change> changes, Instant at) {
        Change latest = null;
        for (Change change : changes) {
            if (change.at().isAfter(at)) {
                break;
            }
            latest = change;
        }
        return latest;
    }

    private static Integer priorityAt(TaskFacts task, Instant at) {
        String priority = valueAt(task.priorityChanges, at, null);
        return priority != null && INTEGER.matcher(priority).matches() ? Integer.valueOf(priority) : task.priorityAtLoad;
    }

    /** The latest points change by then, if it is an integer; else the points at load; else the scope's default. */
    private Integer pointsAt(TaskFacts task, Instant at) {
        Change latest = latestBy(task.pointsChanges, at);
        if (latest != null && latest.newValue() != null && INTEGER.matcher(latest.newValue()).matches()) {
            return Integer.valueOf(latest.newValue());
        }
        return task.pointsAtLoad != null ? task.pointsAtLoad : scope.defaultPoints();
    }

    /** The column of the latest move on the project's own board; blank when it never moved there. */
    private String columnAt(TaskFacts task, int projectId, Instant at) {
        String board = scope.projectPhids().get(projectId);
        String column = null;
        for (ColumnMove move : task.columnMoves) {
            if (move.at().isAfter(at)) {
                break;
            }
            if (move.boardPhid().equals(board)) {
                column = move.columnPhid();
            }
        }
        String name = column == null ? null : scope.columnNames().get(column);
        return name == null ? "" : name;
    }

    private String maintTypeAt(TaskFacts task, Instant at) {
        if (isIn(task, scope.newFunctionalityTag(), at)) {
            return NEW_FUNCTIONALITY;
        }
        return isIn(task, scope.maintenanceTag(), at) ? MAINTENANCE : "";
    }
}
