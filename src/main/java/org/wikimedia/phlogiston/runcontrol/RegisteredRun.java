package org.wikimedia.phlogiston.runcontrol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

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

    /**
     * Whether the process of this run, registered on {@code thisHost}, is known to be gone: no process has its pid,
     * or the one that has it started after this run did (the pid was given to another process since). A run on
     * another host is never known to be gone.
     */
    boolean processGone(String thisHost) {
        if (!host.equals(thisHost)) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isEmpty() || !process.get().isAlive()
                || process.get().info().startInstant().map(start -> start.isAfter(startedAt)).orElse(false);
    }

    String asGoneHolder() {
        return asHolder() + " — its process (pid " + pid + ") is gone";
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
