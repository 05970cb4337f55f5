package org.wikimedia.phlogiston.runcontrol;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One session-level advisory lock, in PostgreSQL's two-int key space: pg_locks shows it with classid =
 * {@code classId}, objid = {@code objectId} and objsubid = 2.
 *
 * <p>The global lock and the scope locks have class ids of their own, so no scope can ever share the global
 * lock's key. A scope's object id is the Java hash of its prefix: specified by the language, so every version of
 * Phlogiston agrees on it (PostgreSQL's hashtext is internal and has changed before). Two prefixes with the same
 * hash would only be serialised against each other, never let through together.
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
        return new AdvisoryLock("scope " + prefix, SCOPE_CLASS, prefix.hashCode(), false);
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
            statement.execute("SELECT pg_advisory_unlock_all()");
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
