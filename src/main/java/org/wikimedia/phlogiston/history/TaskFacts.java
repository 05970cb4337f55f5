package org.wikimedia.phlogiston.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Everything reconstruction reads about one task: what the dump says of it now, and its history. */
final class TaskFacts {

    /** A change of one field: when, and the values before and after (decoded from the dump's JSON). */
    record Change(Instant at, String oldValue, String newValue) {
    }

    /** A move on a workboard: to {@code columnPhid} on the board of the project {@code boardPhid}. */
    record ColumnMove(Instant at, String boardPhid, String columnPhid) {
    }

    /** The task was in the project from {@code from} until {@code to} (null: still is). */
    record Membership(int projectId, Instant from, Instant to) {
        boolean contains(Instant at) {
            return !from.isAfter(at) && (to == null || to.isAfter(at));
        }
    }

    final int id;
    final String statusAtLoad;
    final Instant modifiedAtLoad;
    final Integer pointsAtLoad;
    final Integer priorityAtLoad;
    final String categoryTitle;
    final List<Change> statusChanges = new ArrayList<>();
    final List<Change> priorityChanges = new ArrayList<>();
    final List<Change> pointsChanges = new ArrayList<>();
    final List<ColumnMove> columnMoves = new ArrayList<>();
    final List<Membership> memberships = new ArrayList<>();

    TaskFacts(int id, String statusAtLoad, Instant modifiedAtLoad, Integer pointsAtLoad, Integer priorityAtLoad,
              String categoryTitle) {
        this.id = id;
        this.statusAtLoad = statusAtLoad;
        this.modifiedAtLoad = modifiedAtLoad;
        this.pointsAtLoad = pointsAtLoad;
        this.priorityAtLoad = priorityAtLoad;
        this.categoryTitle = categoryTitle;
    }
}
