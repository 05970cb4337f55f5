package org.wikimedia.phlogiston.scope;

import java.util.List;
import java.util.Locale;

/**
 * The stages a scope's work goes through, in order, from the {@code [workflow]} section of {@code scope.ini}: what
 * the flow metrics count in. A task's row (its state on a day) is in the last stage, in workflow order, that has
 * its status or its workboard column as a member; a row that no stage claims is in the first stage. Cycle time
 * starts when a task first reaches the commitment stage or a later one, and ends when it first reaches the done
 * stage or a later one.
 *
 * @param stages     in workflow order
 * @param commitment index in {@code stages}
 * @param done       index in {@code stages}, not before {@code commitment}
 */
public record Workflow(List<Stage> stages, int commitment, int done) {

    /** A status stage member. */
    public static final String STATUS = "status";
    /** A workboard column stage member. */
    public static final String COLUMN = "column";
    /** The statuses a stage can hold: the others' rows are left out of the report. */
    public static final List<String> STATUSES = List.of("open", "stalled", "resolved");

    /**
     * Without a {@code [workflow]} section: one stage per status, committed from the first day open. Every scope
     * has statuses but few share column names, and a task in a team's scope is work the team has taken on.
     */
    public static final Workflow DEFAULT = new Workflow(List.of(
            new Stage("Open", List.of("open"), List.of()),
            new Stage("Stalled", List.of("stalled"), List.of()),
            new Stage("Resolved", List.of("resolved"), List.of())), 0, 2);

    /** A stage: its name and the statuses and workboard column names (compared in any case) in it. */
    public record Stage(String name, List<String> statuses, List<String> columns) {

        boolean holds(String status, String column) {
            return statuses.contains(status)
                    || column != null && columns.stream().anyMatch(c -> c.equalsIgnoreCase(column));
        }
    }

    public Workflow {
        stages = List.copyOf(stages);
    }

    /** The index of the stage a row with this status and workboard column (null: none) is in. */
    public int stageOf(String status, String column) {
        String lowerStatus = status == null ? null : status.toLowerCase(Locale.ROOT);
        for (int i = stages.size() - 1; i > 0; i--) {
            if (stages.get(i).holds(lowerStatus, column)) {
                return i;
            }
        }
        return 0;
    }

    public String stageName(int index) {
        return stages.get(index).name();
    }
}
