package org.wikimedia.phlogiston.database;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server that Phlogiston runs on by default: real PostgreSQL binaries, started from the
 * jar, with its data directory kept between runs.
 *
 * <p>Several Phlogiston processes may use one data directory at once (the nightly run and a scope owner's
 * {@code rerecon}); they must share one server, or the advisory locks that keep them apart would mean
 * nothing. So a process attaches to the server if one is already running on the directory, and the last
 * process to leave stops it. Two small lock files next to the data directory make this safe:
 * {@code server.lock} is held while a process decides to start, attach or stop; {@code users.lock} is held
 * shared by every process using the server, so a leaving process can tell whether it is the last one.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /** Settings for a single-user batch database: bulk loads, big sorts, few connections. */
    private static final Map<String, String> SERVER_SETTINGS = Map.ofEntries(
            Map.entry("wal_level", "minimal"),
            Map.entry("max_wal_senders", "0"),
            Map.entry("max_wal_size", "4GB"),
            Map.entry("checkpoint_timeout", "15min"),
            Map.entry("shared_buffers", "256MB"),
            Map.entry("work_mem", "64MB"),
            Map.entry("maintenance_work_mem", "512MB"),
            Map.entry("max_connections", "200"),
            Map.entry("timezone", "UTC"),
            Map.entry("listen_addresses", "localhost"));

    private static final Map<Path, EmbeddedPostgresServer> IN_THIS_PROCESS = new HashMap<>();

    private final Path pgData;
    private int handles;
    private final FileChannel serverLockFile;
    private final FileChannel usersLockFile;
    private FileLock usersLock;
    private EmbeddedPostgres startedHere;
    private final int port;

    private EmbeddedPostgresServer(Path baseDir) throws IOException {
        Files.createDirectories(baseDir);
        this.pgData = baseDir.resolve("pgdata");
        this.serverLockFile = open(baseDir.resolve("server.lock"));
        this.usersLockFile = open(baseDir.resolve("users.lock"));
        try (FileLock ignored = serverLockFile.lock()) {
            Optional<RunningServer> running = RunningServer.of(pgData);
            if (running.isPresent()) {
                port = running.get().port();
                log.debug("Using the database server already running on {} (port {})", pgData, port);
            } else {
                log.info("Starting the embedded database in {}", pgData);
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setDataDirectory(pgData)
                        .setCleanDataDirectory(false)
                        .setRegisterShutdownHook(false)
                        .setPGStartupWait(Duration.ofMinutes(2));
                SERVER_SETTINGS.forEach(builder::setServerConfig);
                startedHere = builder.start();
                port = startedHere.getPort();
            }
            usersLock = usersLockFile.lock(0, Long.MAX_VALUE, true);
        }
    }

    /**
     * Starts the server on {@code baseDir}, or attaches to the one already running there. Within one process
     * (several application contexts in a test run) the same instance is shared and counted, since file locks
     * belong to the whole process.
     */
    public static EmbeddedPostgresServer startOrAttach(Path baseDir) {
        Path dir = baseDir.toAbsolutePath().normalize();
        synchronized (IN_THIS_PROCESS) {
            EmbeddedPostgresServer server = IN_THIS_PROCESS.get(dir);
            if (server == null) {
                try {
                    server = new EmbeddedPostgresServer(dir);
                } catch (IOException e) {
                    throw new IllegalStateException("Could not start the embedded database in " + dir + ": " + e.getMessage(), e);
                }
                IN_THIS_PROCESS.put(dir, server);
            }
            server.handles++;
            return server;
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** Stops the server unless another process, or another user in this one, still uses it. */
    @Override
    public void close() {
        synchronized (IN_THIS_PROCESS) {
            if (--handles > 0) {
                return;
            }
            IN_THIS_PROCESS.remove(pgData.getParent());
        }
        if (usersLock == null) {
            return;
        }
        try (FileLock ignored = serverLockFile.lock()) {
            usersLock.release();
            usersLock = null;
            try (FileLock lastUser = usersLockFile.tryLock()) {
                if (lastUser != null) {
                    stop();
                } else if (startedHere != null) {
                    log.debug("The database server stays up: another Phlogiston process uses it");
                }
            }
        } catch (IOException e) {
            log.warn("Could not stop the embedded database cleanly: {}", e.getMessage());
        } finally {
            closeQuietly(serverLockFile);
            closeQuietly(usersLockFile);
        }
    }

    private void stop() throws IOException {
        if (startedHere != null) {
            startedHere.close();
            return;
        }
        // Started by a process that has left. SIGINT is PostgreSQL's fast shutdown (as pg_ctl -m fast): the smart
        // one that SIGTERM asks for would wait for every client, an operator's idle psql session included.
        Optional<RunningServer> running = RunningServer.of(pgData);
        if (running.isPresent()) {
            ProcessHandle postmaster = running.get().process();
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).inheritIO().start().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            postmaster.onExit().orTimeout(60, TimeUnit.SECONDS).join();
        }
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    /** A postmaster that is alive and accepting connections on the data directory, per its postmaster.pid. */
    private record RunningServer(ProcessHandle process, int port) {

        static Optional<RunningServer> of(Path pgData) throws IOException {
            Path pidFile = pgData.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
            int port = Integer.parseInt(lines.get(3).trim());
            if (process.isEmpty() || !process.get().isAlive() || !accepts(port)) {
                return Optional.empty();
            }
            return Optional.of(new RunningServer(process.get(), port));
        }

        private static boolean accepts(int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 2000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
