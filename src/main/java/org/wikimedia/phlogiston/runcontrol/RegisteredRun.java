package org.wikimedia.phlogiston.runcontrol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A row of {@code run_registry} not marked released.
 *
 * @param alive whether its connection still holds its locks; if not, the run crashed and the row is stale
 */
record RegisteredRun(Claim claim, String command, String host, long pid, Instant startedAt, int backendPid, boolean alive) {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** Whether this run, were it alive, would keep {@code lock} from being taken. */
    boolean wouldHold(AdvisoryLock lock) {
        return claim.locks().stream().anyMatch(lock::conflictsWith);
    }

    String asHolder() {
        return claim.isLoad() ? "a dump load holds the database: " + who()
                : "scope " + claim.lockScope() + " is being worked on by " + who();
    }

    String asStale() {
        return "(stale record: " + who() + " — its process is gone)";
    }

    private String who() {
        return "`%s` on host %s, pid %d, since %s".formatted(command, host, pid, MINUTE.format(startedAt));
    }
}
