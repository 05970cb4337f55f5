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

import org.wikimedia.phlogiston.database.SqlFiles;

/**
 * The table {@code run_registry}: who holds the run locks, as each run wrote it on getting them. Never trusted on
 * its own: a row speaks for a run only while pg_locks shows its connection holding a Phlogiston lock.
 */
final class RunRegistry {

    private static final String SQL = "sql/runcontrol/run_registry.sql";

    private RunRegistry() {
    }

    /** Records the run whose locks {@code lockConnection} has just taken; returns the row's id. */
    static long register(Connection lockConnection, Claim claim, String command, String host) throws SQLException {
        try (PreparedStatement insert = lockConnection.prepareStatement(SqlFiles.statement(SQL, "register"))) {
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
        try (PreparedStatement query = connection.prepareStatement(SqlFiles.statement(SQL, "session"));
             ResultSet session = query.executeQuery()) {
            session.next();
            return new Session(session.getInt(1), session.getString(2));
        }
    }

    static void markReleased(Connection connection, long id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(SqlFiles.statement(SQL, "mark_released"))) {
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
        try (PreparedStatement query = connection.prepareStatement(SqlFiles.statement(SQL, "holders"))) {
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
        try (PreparedStatement query = connection.prepareStatement(SqlFiles.statement(SQL, "unreleased"))) {
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
