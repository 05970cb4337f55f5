package org.wikimedia.phlogiston.runcontrol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.database.SessionSettings;

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
 *
 * <p>A holder whose process, on this host, is gone while its session still holds the lock (the server has not
 * noticed yet that the client died; see sql/database/session.sql) is waited for, up to
 * {@code phlogiston.run-control.dead-holder-wait}, instead of refusing at once. A run that gets its locks marks
 * failed the jobs whose process was killed ({@link KilledRuns}).
 *
 * <p>A run of several stages ({@code phlogiston run}) takes all its locks up front, on one connection; the jobs of
 * its stages, on the same thread, then find their locks already held by their own run instead of waiting on it.
 */
@Component
public class RunLock {

    /**
     * The job parameter (not identifying) that records which database backend holds a job's locks, so that the run
     * history can tell a running job from one whose process died.
     */
    public static final String BACKEND_PID_PARAMETER = "lockBackendPid";
    /** The job parameter with the start of that backend, which tells it from a later one given the same pid. */
    static final String BACKEND_START_PARAMETER = "lockBackendStart";
    /** The job parameters with the host and the pid of the job's process, for the history of a killed job. */
    static final String HOST_PARAMETER = "lockHost";
    static final String PID_PARAMETER = "lockPid";

    /** A short pause before trying again a lock that was free by the time its holder was looked up. */
    private static final long RELEASED_MEANWHILE_PAUSE_MILLIS = 50;

    private static final Logger log = LoggerFactory.getLogger(RunLock.class);

    private static final Duration RETRY_INTERVAL = Duration.ofMillis(500);

    private final String jdbcUrl;
    private final Properties connectionProperties = new Properties();
    private final Duration deadHolderWait;
    private final ThreadLocal<Held> runOfThisThread = new ThreadLocal<>();

    /** Connects to the database of {@code pool}, with its credentials, but not through it. */
    public RunLock(HikariDataSource pool, RunControlProperties settings) {
        this.jdbcUrl = pool.getJdbcUrl();
        this.deadHolderWait = settings.deadHolderWait();
        connectionProperties.setProperty("user", pool.getUsername());
        if (pool.getPassword() != null) {
            connectionProperties.setProperty("password", pool.getPassword());
        }
        connectionProperties.setProperty("ApplicationName", "phlogiston run lock");
    }

    /** For a dump load: the global lock, exclusively. {@code command} is what other runs are told holds it. */
    public Held acquireForLoad(String command, Duration wait) {
        return acquire(List.of(Claim.load()), command, wait);
    }

    /** For a job on the scope {@code prefix}: the global lock shared and the scope's lock exclusively. */
    public Held acquireForScope(String prefix, String command, Duration wait) {
        return acquire(List.of(Claim.scope(prefix)), command, wait);
    }

    /**
     * For a run of several stages on this thread: the locks of a load (when {@code load}) and of a job on each of
     * {@code prefixes}, all or none. Until it is closed, the jobs this thread starts for them hold nothing more.
     */
    public Held acquireForRun(boolean load, List<String> prefixes, String command, Duration wait) {
        List<Claim> claims = new ArrayList<>();
        if (load) {
            claims.add(Claim.load());
        }
        prefixes.stream().sorted().distinct().forEach(prefix -> claims.add(Claim.scope(prefix)));
        Held held = acquire(claims, command, wait);
        if (held.connection != null) {
            runOfThisThread.set(held);
            held.owner = this;
        }
        return held;
    }

    /** Lets go of the load's lock of this thread's run once its load is done; see {@link Held#releaseLoad}. */
    public void releaseLoadOfThisThreadsRun() {
        Held run = runOfThisThread.get();
        if (run != null) {
            run.releaseLoad();
        }
    }

    private Held acquire(List<Claim> claims, String command, Duration wait) {
        Held run = runOfThisThread.get();
        if (run != null && run.covers(claims)) {
            return Held.withinRun(run);
        }
        Connection connection = openLockConnection();
        boolean taken = false;
        try {
            Held held = takeOrWait(connection, claims, command, wait);
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

    private Held takeOrWait(Connection connection, List<Claim> claims, String command, Duration wait)
            throws SQLException, InterruptedException {
        List<AdvisoryLock> locks = claims.stream().flatMap(claim -> claim.locks().stream()).distinct().toList();
        String host = hostName();
        Instant deadline = Instant.now().plus(wait);
        Instant goneHoldersDeadline = null; // set when the holders are found to be runs whose process is gone
        boolean toldWaiting = false;
        while (true) {
            Optional<AdvisoryLock> refused = tryToTake(connection, locks);
            if (refused.isEmpty()) {
                Map<Claim, Long> registered = new LinkedHashMap<>();
                for (Claim claim : claims) {
                    registered.put(claim, RunRegistry.register(connection, claim, command, host));
                }
                KilledRuns.markFailed(connection);
                return new Held(connection, registered, RunRegistry.session(connection), host);
            }
            Optional<RunRegistry.Refusal> holders = RunRegistry.describeHolders(connection, refused.get(), host);
            if (holders.isEmpty()) {
                Thread.sleep(RELEASED_MEANWHILE_PAUSE_MILLIS); // released between the attempt and the look: try again
                continue;
            }
            Instant now = Instant.now();
            String described = holders.get().description();
            if (holders.get().holdersGone()) {
                if (goneHoldersDeadline == null) {
                    goneHoldersDeadline = now.plus(deadHolderWait);
                    log.info("{}; waiting up to {} for its database session to end", described, WaitDuration.format(deadHolderWait));
                }
                if (!now.isBefore(goneHoldersDeadline) && !now.isBefore(deadline)) {
                    String sessions = holders.get().goneSessions().stream().map(String::valueOf).collect(Collectors.joining(", "));
                    Duration waited = wait.compareTo(deadHolderWait) > 0 ? wait : deadHolderWait;
                    throw new LockHeldException(described + "; its database session (pid " + sessions + " in pg_stat_activity) "
                            + "still holds the lock after waiting " + WaitDuration.format(waited)
                            + ": the server ends it once it notices that its client is gone; try again later");
                }
            } else if (!now.isBefore(deadline)) {
                throw new LockHeldException(described + (wait.isZero()
                        ? "; try again when it is done, or wait for it with --wait DURATION"
                        : "; still so after waiting " + WaitDuration.format(wait)));
            } else if (!toldWaiting) {
                log.info("Waiting up to {}: {}", WaitDuration.format(wait), described);
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
            return SessionSettings.connect(jdbcUrl, connectionProperties);
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
        private final Map<Claim, Long> registryIds;
        private final RunRegistry.Session session;
        private final String host;
        /** Set for the locks of a run of several stages, which its thread's jobs share. */
        private RunLock owner;

        private Held(Connection connection, Map<Claim, Long> registryIds, RunRegistry.Session session, String host) {
            this.connection = connection;
            this.registryIds = new LinkedHashMap<>(registryIds);
            this.session = session;
            this.host = host;
        }

        /** Locks the thread's run already holds, for one of its jobs: nothing to let go. */
        private static Held withinRun(Held run) {
            return new Held(null, Map.of(), run.session, run.host);
        }

        /**
         * {@code parameters} with {@link #BACKEND_PID_PARAMETER} and the other lock parameters: the backend that holds
         * these locks, and the host and pid of this process.
         */
        public JobParameters recordedIn(JobParameters parameters) {
            return new JobParametersBuilder(parameters)
                    .addLong(BACKEND_PID_PARAMETER, (long) session.backendPid(), false)
                    .addString(BACKEND_START_PARAMETER, session.backendStart(), false)
                    .addString(HOST_PARAMETER, host, false)
                    .addLong(PID_PARAMETER, ProcessHandle.current().pid(), false)
                    .toJobParameters();
        }

        private boolean covers(List<Claim> claims) {
            return registryIds.keySet().containsAll(claims);
        }

        /**
         * Lets the load's lock go once the run's load is done, keeping the scopes': other scopes' jobs may then
         * run beside the rest of this run, and no other load can start under it.
         */
        public void releaseLoad() {
            Long id = registryIds.remove(Claim.load());
            if (id == null) {
                return;
            }
            try {
                RunRegistry.markReleased(connection, id);
                AdvisoryLock.global(false).release(connection);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not let go of the load's lock: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (owner != null && owner.runOfThisThread.get() == this) {
                owner.runOfThisThread.remove();
            }
            if (connection == null) {
                return;
            }
            try (connection) {
                for (long id : registryIds.values()) {
                    RunRegistry.markReleased(connection, id);
                }
                // Unlocked here rather than by the close alone: the server frees a closed session's locks a moment
                // after the close returns, and a run started right after this one should find them free.
                AdvisoryLock.releaseAll(connection);
            } catch (SQLException e) {
                log.warn("Could not release the run locks cleanly ({}); they went with their connection", e.getMessage());
            }
        }
    }
}
