package org.wikimedia.phlogiston.dump;

import java.time.Instant;
import java.util.List;

/** The rows that the dump parser hands to a {@link DumpSink}, as they appear in the dump. */
public final class DumpRows {

    private DumpRows() {
    }

    public record ProjectRow(int id, String name, String phid, Instant dateCreated, Instant dateModified,
                             String icon, String color) {
    }

    public record ColumnRow(int id, String phid, String name, Integer status, Integer sequence,
                            String projectPhid, Instant dateCreated, Instant dateModified) {
    }

    public record TaskRow(int id, String phid, String title, String storyPoints, String statusAtLoad,
                          Instant dateModified, Integer priority, Instant dateCreated, String authorPhid,
                          String ownerPhid, Integer pointsAtLoad) {

        static TaskRow blank(int id) {
            return new TaskRow(id, null, null, null, null, null, null, null, null, null, null);
        }
    }

    public record TransactionRow(long id, String phid, int taskId, String authorPhid, String objectPhid,
                                 String type, String oldValue, String newValue, String metadata,
                                 Instant dateCreated, Instant dateModified) {

        public boolean isEdge() {
            return MembershipHistory.EDGE_TYPE.equals(type);
        }
    }

    /** A core:edge transaction with the task's project PHIDs after it (known or not). */
    public record EdgeTransaction(TransactionRow row, List<String> projectPhidsAfter) {
    }

    /** The task was in the project with this PHID from {@code from} until {@code to} (null: still is). */
    public record MembershipInterval(int taskId, String projectPhid, Instant from, Instant to) {
    }

    /** An edge of the task graph at dump time: type 41 (tagged with a project) or 3 (has a subtask). */
    public record TaskEdge(int taskId, int type, String destinationPhid) {
    }
}
