package org.wikimedia.phlogiston.runcontrol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps runs that would spoil each other's work apart: a load takes the global lock exclusively; a scope job takes
 * it shared, plus its scope's lock exclusively. So jobs for different scopes run side by side, and nothing runs
 * beside a load. A run that cannot get its locks is refused with a {@link LockHeldException} naming the run in
 * its way, at once or after waiting as long as it was told to.
 *
 * <p>The locks are PostgreSQL session-level advisory locks, held for the whole job on a connection of the run's
 * own, opened with the pool's URL and credentials but not taken from the pool. Advisory locks belong to the
 * session: a pooled connection given back with a lock still on it (after an unlock that failed) would keep the
 * lock after the job, refusing every later run for as long as the pool keeps the connection. A connection of
 * its own takes its locks with it when it closes, and when the process dies the server ends the session and
 * frees them. It also leaves all the pool's connections to the job.
 */
@Component
public class RunLock {

    /** A short pause before trying again a lock that was free by the time its holder was looked up. */
    private static final long RELEASED_MEANWHILE_PAUSE_MILLIS = 50;

    private static final Logger log = LoggerFactory.getLogger(RunLock.class);

    private static final Duration RETRY_INTERVAL = Duration.ofMillis(500);

    private final String jdbcUrl;
    private final Properties connectionProperties = new Properties();

    /** Connects to the database of {@code pool}, with its credentials, but not through it. */
    public RunLock(HikariDataSource pool) {
        this.jdbcUrl = pool.getJdbcUrl();
        connectionProperties.setProperty("user", pool.getUsername());
        if (pool.getPassword() != null) {
            connectionProperties.setProperty("password", pool.getPassword());
        }
        connectionProperties.setProperty("ApplicationName", "phlogiston run lock");
    }

    /** For a dump load: the global lock, exclusively. {@code command} is what other runs are told holds it. */
    public Held acquireForLoad(String command, Duration wait) {
        return acquire(Claim.load(), command, wait);
    }

    /** For a job on the scope {@code prefix}: the global lock shared and the scope's lock exclusively. */
    public Held acquireForScope(String prefix, String command, Duration wait) {
        return acquire(Claim.scope(prefix), command, wait);
    }

    private Held acquire(Claim claim, String command, Duration wait) {
        Connection connection = openLockConnection();
        boolean taken = false;
        try {
            Held held = takeOrWait(connection, claim, command, wait);
            taken = true;
            return held;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the run lock: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the run lock", e);
        } finally {
            if (!taken) {
                closeQuietly(connection);
            }
        }
    }

    private Held takeOrWait(Connection connection, Claim claim, String command, Duration wait) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        boolean toldWaiting = false;
        while (true) {
            Optional<AdvisoryLock> refused = tryToTake(connection, claim.locks());
            if (refused.isEmpty()) {
                return new Held(connection, RunRegistry.register(connection, claim, command, hostName()));
            }
            Optional<String> holders = RunRegistry.describeHolders(connection, refused.get());
            if (holders.isEmpty()) {
                Thread.sleep(RELEASED_MEANWHILE_PAUSE_MILLIS); // released between the attempt and the look: try again
                continue;
            }
            if (!Instant.now().isBefore(deadline)) {
                throw new LockHeldException(holders.get() + (wait.isZero()
                        ? "; try again when it is done, or wait for it with --wait DURATION"
                        : "; still so after waiting " + WaitDuration.format(wait)));
            }
            if (!toldWaiting) {
                log.info("Waiting up to {}: {}", WaitDuration.format(wait), holders.get());
                toldWaiting = true;
            }
            Thread.sleep(RETRY_INTERVAL.toMillis());
        }
    }

    /** Takes all of {@code locks} in order, or none: returns the first refused, after letting go of those before it. */
    private static Optional<AdvisoryLock> tryToTake(Connection connection, List<AdvisoryLock> locks) throws SQLException {
        List<AdvisoryLock> taken = new ArrayList<>();
        for (AdvisoryLock lock : locks) {
            if (!lock.tryTake(connection)) {
                for (AdvisoryLock held : taken) {
                    held.release(connection);
                }
                return Optional.of(lock);
            }
            taken.add(lock);
        }
        return Optional.empty();
    }

    private Connection openLockConnection() {
        try {
            return DriverManager.getConnection(jdbcUrl, connectionProperties);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not connect to the database to take the run lock: " + e.getMessage(), e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing a run lock connection failed: {}", e.getMessage());
        }
    }

    /** The locks of one run; closing lets them go. Close it when the job ends, however it ends. */
    public static final class Held implements AutoCloseable {

        private final Connection connection;
        private final long registryId;

        private Held(Connection connection, long registryId) {
            this.connection = connection;
            this.registryId = registryId;
        }

        @Override
        public void close() {
            try (connection) {
                RunRegistry.markReleased(connection, registryId);
                // Unlocked here rather than by the close alone: the server frees a closed session's locks a moment
                // after the close returns, and a run started right after this one should find them free.
                AdvisoryLock.releaseAll(connection);
            } catch (SQLException e) {
                log.warn("Could not release the run locks cleanly ({}); they went with their connection", e.getMessage());
            }
        }
    }
}
