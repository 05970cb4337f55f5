package org.wikimedia.phlogiston.runcontrol;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.wikimedia.phlogiston.database.SqlFiles;

/**
 * The jobs whose process was killed or crashed while they ran: the job repository has them as running for ever,
 * since their process could not record how they ended. They are marked failed, saying which process is gone, by
 * the next run that gets its locks and by {@code phlogiston history}, so that the history shows them failed and a
 * killed {@code phlogiston run} can be restarted.
 */
public final class KilledRuns {

    private static final Logger log = LoggerFactory.getLogger(KilledRuns.class);

    private KilledRuns() {
    }

    /** Marks failed every job the repository has as running whose run locks are gone; see sql/runcontrol/killed_runs.sql. */
    public static void markFailed(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(SqlFiles.read("sql/runcontrol/killed_runs.sql"))) {
            update.setString(1, RunLock.BACKEND_PID_PARAMETER);
            update.setString(2, RunLock.BACKEND_START_PARAMETER);
            update.setString(3, RunLock.HOST_PARAMETER);
            update.setString(4, RunLock.PID_PARAMETER);
            try (ResultSet marked = update.executeQuery()) {
                while (marked.next()) {
                    log.info("#{} was {}: marked failed", marked.getLong(1), marked.getString(2));
                }
            }
        }
    }
}
