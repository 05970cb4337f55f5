package org.wikimedia.phlogiston.runcontrol;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.wikimedia.phlogiston.database.SqlFiles;
import org.wikimedia.phlogiston.scope.ScopeFiles;

/**
 * One session-level advisory lock, in PostgreSQL's two-int key space: pg_locks shows it with classid =
 * {@code classId}, objid = {@code objectId} and objsubid = 2.
 *
 * <p>The global lock and the scope locks have class ids of their own, so no scope can ever share the global
 * lock's key. A scope's object id is its prefix read as a number in base 37 ({@link #scopeKey}): every valid prefix
 * has a key of its own, so jobs on two scopes never wait for each other. Versions before this one used the prefix's
 * hash instead; a run of such a version and a run of this one do not see each other's scope locks.
 *
 * @param subject what the lock guards, for messages: "the database" or "scope alp"
 */
record AdvisoryLock(String subject, int classId, int objectId, boolean shared) {

    /** "PHLG" and "PHLS" in ASCII: recognisable in pg_locks, and unlikely to be used by another application. */
    static final int GLOBAL_CLASS = 0x50484C47;
    static final int SCOPE_CLASS = 0x50484C53;

    static AdvisoryLock global(boolean shared) {
        return new AdvisoryLock("the database", GLOBAL_CLASS, 0, shared);
    }

    static AdvisoryLock scope(String prefix) {
        return new AdvisoryLock("scope " + prefix, SCOPE_CLASS, scopeKey(prefix), false);
    }

    /**
     * The prefix (1–6 of a–z and 0–9) in base 37, each character a digit from 1 ('0') to 36 ('z'): no digit is 0,
     * so prefixes of different lengths differ too. The largest, 37^6 - 1 for "zzzzzz", needs 32 bits unsigned; as a
     * Java int it is negative, and pg_locks shows it as the unsigned oid, as the queries of RunRegistry match it.
     */
    static int scopeKey(String prefix) {
        ScopeFiles.requireScopeName(prefix);
        long key = 0;
        for (char c : prefix.toCharArray()) {
            key = key * 37 + Character.digit(c, 36) + 1;
        }
        return (int) key;
    }

    boolean conflictsWith(AdvisoryLock other) {
        return classId == other.classId && objectId == other.objectId && !(shared && other.shared);
    }

    boolean tryTake(Connection connection) throws SQLException {
        return call(connection, shared ? "pg_try_advisory_lock_shared" : "pg_try_advisory_lock");
    }

    void release(Connection connection) throws SQLException {
        call(connection, shared ? "pg_advisory_unlock_shared" : "pg_advisory_unlock");
    }

    static void releaseAll(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(SqlFiles.read("sql/runcontrol/release_all_locks.sql"));
        }
    }

    private boolean call(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?, ?)")) {
            statement.setInt(1, classId);
            statement.setInt(2, objectId);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }
}
