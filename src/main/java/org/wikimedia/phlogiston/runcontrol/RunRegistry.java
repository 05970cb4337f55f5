package org.wikimedia.phlogiston.runcontrol;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The table {@code run_registry}: who holds the run locks, as each run wrote it on getting them. Never trusted on
 * its own: a row speaks for a run only while pg_locks shows its connection holding a Phlogiston lock.
 */
final class RunRegistry {

    private static final String IN_THIS_DATABASE = "l.locktype = 'advisory' AND l.granted "
            + "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    /**
     * Rows not released, with whether their connection still holds a lock. The backend_start check keeps a
     * crashed run's row from passing for alive when the server gives its backend pid to a later connection. A
     * row stops being listed once a later run of the same claim has finished cleanly: by then its crash is old news.
     */
    private static final String UNRELEASED = """
            SELECT r.lock_scope, r.mode, r.command, r.host, r.pid, r.started_at, r.backend_pid,
                   EXISTS (SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                            WHERE %s AND l.pid = r.backend_pid AND l.classid IN (?::oid, ?::oid)
                              AND (a.backend_start IS NULL OR a.backend_start <= r.started_at)) AS alive
              FROM run_registry r
             WHERE r.released_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM run_registry later
                                WHERE later.lock_scope = r.lock_scope AND later.mode = r.mode
                                  AND later.released_at IS NOT NULL AND later.started_at > r.started_at)
             ORDER BY r.started_at
            """.formatted(IN_THIS_DATABASE);

    /** The backends holding a lock in a way that refuses the one asked for (any way, if it was asked exclusively). */
    private static final String HOLDERS = """
            SELECT l.pid FROM pg_locks l
             WHERE %s AND l.classid = ?::oid AND l.objid = ?::oid AND l.objsubid = 2
               AND (l.mode = 'ExclusiveLock' OR NOT ?)
             ORDER BY l.pid
            """.formatted(IN_THIS_DATABASE);

    private RunRegistry() {
    }

    /** Records the run whose locks {@code lockConnection} has just taken; returns the row's id. */
    static long register(Connection lockConnection, Claim claim, String command, String host) throws SQLException {
        try (PreparedStatement insert = lockConnection.prepareStatement("INSERT INTO run_registry "
                + "(lock_scope, mode, command, host, pid, started_at, backend_pid) "
                + "VALUES (?, ?, ?, ?, ?, now(), pg_backend_pid()) RETURNING id")) {
            insert.setString(1, claim.lockScope());
            insert.setString(2, claim.mode());
            insert.setString(3, command);
            insert.setString(4, host);
            insert.setLong(5, ProcessHandle.current().pid());
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        }
    }

    /** A database session: its backend pid, and its backend's start as text (pid and start tell it from any other). */
    record Session(int backendPid, String backendStart) {
    }

    static Session session(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT pid, backend_start::text FROM pg_stat_activity WHERE pid = pg_backend_pid()");
             ResultSet session = query.executeQuery()) {
            session.next();
            return new Session(session.getInt(1), session.getString(2));
        }
    }

    static void markReleased(Connection connection, long id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE run_registry SET released_at = now() WHERE id = ?")) {
            update.setLong(1, id);
            update.executeUpdate();
        }
    }

    /**
     * Who keeps a lock from being taken, in words.
     *
     * @param goneSessions the backend pids of the holders when every one of them is a run of this host whose
     *                     process is gone (its session has not ended yet); else empty
     */
    record Refusal(String description, List<Integer> goneSessions) {

        boolean holdersGone() {
            return !goneSessions.isEmpty();
        }
    }

    /**
     * Who keeps {@code refused} from being taken, then the stale records of runs that would: empty if nobody holds
     * it any more (it was released after the attempt). {@code thisHost} tells which holders' processes can be looked at.
     */
    static Optional<Refusal> describeHolders(Connection connection, AdvisoryLock refused, String thisHost) throws SQLException {
        List<Integer> holders = holders(connection, refused);
        if (holders.isEmpty()) {
            return Optional.empty();
        }
        List<RegisteredRun> unreleased = unreleased(connection);
        // A run of several scopes has a row per claim on one backend: name the claim that is in the way.
        Map<Integer, RegisteredRun> aliveByBackend = unreleased.stream().filter(RegisteredRun::alive)
                .collect(Collectors.toMap(RegisteredRun::backendPid, Function.identity(),
                        (earlier, later) -> later.wouldHold(refused) || !earlier.wouldHold(refused) ? later : earlier));
        List<String> parts = new ArrayList<>();
        List<Integer> goneSessions = new ArrayList<>();
        for (int backendPid : holders) {
            RegisteredRun run = aliveByBackend.get(backendPid);
            if (run != null && run.processGone(thisHost)) {
                parts.add(run.asGoneHolder());
                goneSessions.add(backendPid);
            } else {
                parts.add(run != null ? run.asHolder()
                        : refused.subject() + " is held by another session (pid " + backendPid + " in pg_stat_activity)");
            }
        }
        String described = String.join("; ", parts);
        String stale = unreleased.stream().filter(run -> !run.alive() && run.wouldHold(refused))
                .map(RegisteredRun::asStale).collect(Collectors.joining(" "));
        return Optional.of(new Refusal(stale.isEmpty() ? described : described + " " + stale,
                goneSessions.size() == holders.size() ? goneSessions : List.of()));
    }

    private static List<Integer> holders(Connection connection, AdvisoryLock refused) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(HOLDERS)) {
            query.setInt(1, refused.classId());
            query.setInt(2, refused.objectId());
            query.setBoolean(3, refused.shared());
            List<Integer> pids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    pids.add(rows.getInt(1));
                }
            }
            return pids;
        }
    }

    private static List<RegisteredRun> unreleased(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(UNRELEASED)) {
            query.setInt(1, AdvisoryLock.GLOBAL_CLASS);
            query.setInt(2, AdvisoryLock.SCOPE_CLASS);
            List<RegisteredRun> runs = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    runs.add(new RegisteredRun(new Claim(rows.getString("lock_scope"), rows.getString("mode")),
                            rows.getString("command"), rows.getString("host"), rows.getLong("pid"),
                            rows.getTimestamp("started_at").toInstant(), rows.getInt("backend_pid"), rows.getBoolean("alive")));
                }
            }
            return runs;
        }
    }
}
