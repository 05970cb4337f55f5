package org.wikimedia.phlogiston.database;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server that Phlogiston runs on by default: real PostgreSQL binaries, started from the
 * jar, with its data directory kept between runs.
 *
 * <p>Several Phlogiston processes may use one data directory at once (the nightly run and a scope owner's
 * {@code rerecon}); they must share one server, or the advisory locks that keep them apart would mean
 * nothing. So a process attaches to the server if one is already running on the directory, and the last
 * process to leave stops it, or, with a linger time ({@code phlogiston.embedded.linger}), leaves it running for the
 * next command and to {@link IdleServerStopper}, which stops it once nobody has used it for that long. Two small lock
 * files next to the data directory make this safe: {@code server.lock} is held while a process decides to start,
 * attach or stop; {@code users.lock} is held shared by every process using the server, so a leaving process can
 * tell whether it is the last one.
 *
 * <p>The server is private to the account that runs Phlogiston: its superuser has a random password, kept in
 * {@code password} next to the data directory and readable by that account alone, and every connection must
 * give it (scram-sha-256). It listens on localhost only and opens no Unix socket.
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
            Map.entry("listen_addresses", "localhost"),
            // Phlogiston connects over TCP only; a socket would be one more door to keep shut.
            Map.entry("unix_socket_directories", "''"),
            Map.entry("password_encryption", "scram-sha-256"));

    /** The role zonky's initdb creates, which Phlogiston connects as. */
    static final String SUPERUSER = "postgres";
    private static final String SCRAM = "scram-sha-256";
    /** The method {@code trust} in a line of pg_hba.conf (the comment lines are left alone). */
    private static final Pattern TRUST = Pattern.compile("(?<=\\s)trust(?=\\s|$)");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    static final String SERVER_LOCK = "server.lock";
    static final String USERS_LOCK = "users.lock";

    private static final Map<Path, EmbeddedPostgresServer> IN_THIS_PROCESS = new HashMap<>();
    /**
     * Servers this process started and left running for their linger time, by data directory. zonky's handle holds a
     * lock on the data directory for the whole process until it is closed, so a later start in this process (a
     * test run, a benchmark: several application contexts) takes the handle back, or closes it first if another
     * process has stopped the server meanwhile.
     */
    private static final Map<Path, EmbeddedPostgres> LEFT_RUNNING_HERE = new HashMap<>();

    private final Path pgData;
    private final Duration linger;
    private int handles;
    private final FileChannel serverLockFile;
    private final FileChannel usersLockFile;
    private FileLock usersLock;
    private EmbeddedPostgres startedHere;
    private final int port;
    private final Path passwordFile;
    private final String password;

    private EmbeddedPostgresServer(Path baseDir, Duration linger) throws IOException {
        Files.createDirectories(baseDir);
        this.pgData = baseDir.resolve("pgdata");
        this.linger = linger;
        this.passwordFile = baseDir.resolve("password");
        this.serverLockFile = open(baseDir.resolve(SERVER_LOCK));
        this.usersLockFile = open(baseDir.resolve(USERS_LOCK));
        try (FileLock ignored = serverLockFile.lock()) {
            if (!Files.exists(passwordFile) && Files.exists(hbaFile())) {
                List<String> rules = Files.readAllLines(hbaFile());
                if (withoutTrust(rules).equals(rules)) {
                    throw new IOException(passwordFile + " is missing, and only its password opens the database in " + pgData);
                }
            }
            this.password = readOrCreatePassword(passwordFile);
            Optional<RunningServer> running = RunningServer.of(pgData);
            EmbeddedPostgres leftHere = LEFT_RUNNING_HERE.remove(pgData);
            if (running.isPresent()) {
                port = running.get().port();
                startedHere = leftHere;
                log.debug("Using the database server already running on {} (port {})", pgData, port);
            } else {
                if (leftHere != null) {
                    // zonky's handle knows only how to stop its server, which is gone: it will say it could not.
                    log.info("The database server this process started in {} was stopped by another process; "
                            + "releasing this process's handle of it before starting it again", pgData);
                    leftHere.close();
                }
                log.info("Starting the embedded database in {}", pgData);
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setDataDirectory(pgData)
                        .setCleanDataDirectory(false)
                        .setRegisterShutdownHook(false)
                        .setPGStartupWait(Duration.ofMinutes(2))
                        .setConnectConfig("password", password);
                if (!Files.exists(pgData.resolve("postgresql.conf"))) {
                    // zonky runs initdb with "-A trust" and then these as "--name=value": the later --auth wins, so
                    // the server never accepts a connection without the password, not even once.
                    builder.setLocaleConfig("auth", SCRAM).setLocaleConfig("pwfile", passwordFile.toString());
                }
                SERVER_SETTINGS.forEach(builder::setServerConfig);
                startedHere = builder.start();
                port = startedHere.getPort();
            }
            requirePassword();
            usersLock = usersLockFile.lock(0, Long.MAX_VALUE, true);
        }
    }

    /**
     * Starts the server on {@code baseDir}, or attaches to the one already running there. Within one process
     * (several application contexts in a test run) the same instance is shared and counted, since file locks
     * belong to the whole process; the first one's {@code linger} holds. When this process is the last to leave, it
     * stops the server if {@code linger} is zero, else leaves it running for that long (see {@link IdleServerStopper}).
     */
    public static EmbeddedPostgresServer startOrAttach(Path baseDir, Duration linger) {
        Path dir = baseDir.toAbsolutePath().normalize();
        synchronized (IN_THIS_PROCESS) {
            EmbeddedPostgresServer server = IN_THIS_PROCESS.get(dir);
            if (server == null) {
                try {
                    server = new EmbeddedPostgresServer(dir, linger);
                } catch (IOException e) {
                    throw new IllegalStateException("Could not start the embedded database in " + dir + ": " + e.getMessage(), e);
                }
                IN_THIS_PROCESS.put(dir, server);
            }
            server.handles++;
            return server;
        }
    }

    /** Whether a server is running on {@code baseDir} and accepting connections (none is started to find out). */
    public static boolean isRunning(Path baseDir) {
        try {
            return RunningServer.of(baseDir.toAbsolutePath().normalize().resolve("pgdata")).isPresent();
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the state of the embedded database in " + baseDir + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** The superuser's password, for connections that do not go through Phlogiston's data source. */
    public String password() {
        return password;
    }

    private Path hbaFile() {
        return pgData.resolve("pg_hba.conf");
    }

    /** These pg_hba.conf rules with scram-sha-256 wherever one let a connection in without a password. */
    private static List<String> withoutTrust(List<String> rules) {
        return rules.stream()
                .map(line -> line.stripLeading().startsWith("#") ? line : TRUST.matcher(line).replaceAll(SCRAM))
                .toList();
    }

    /**
     * The password of this data directory: read from its file, or made and written there on the first start. The
     * file is created readable by its owner alone, and only then filled and renamed into place, so it is never
     * readable by others, nor seen half-written by another process.
     */
    private static String readOrCreatePassword(Path file) throws IOException {
        if (Files.exists(file)) {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
                log.warn("{} could be read by other accounts; it is now readable by its owner alone", file);
            }
            return Files.readString(file).strip();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path draft = Files.createTempFile(file.getParent(), "password", ".part", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(draft, password);
        Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    /**
     * Converts a data directory made when Phlogiston let any local account in (pg_hba.conf method {@code trust}):
     * the superuser gets the password, every trust line becomes scram-sha-256, and the server reloads its rules.
     * Sessions that came in meanwhile are ended, when this process started the server (no other user is ours).
     */
    private void requirePassword() throws IOException {
        List<String> rules = Files.readAllLines(hbaFile());
        List<String> converted = withoutTrust(rules);
        if (converted.equals(rules)) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password);
             Statement statement = connection.createStatement()) {
            // The SCRAM secret is computed here: the password itself never travels to the server or its logs.
            connection.unwrap(PGConnection.class).alterUserPassword(SUPERUSER, password.toCharArray(), SCRAM);
            Path draft = Files.createTempFile(pgData, "pg_hba", ".part", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.write(draft, converted);
            Files.move(draft, hbaFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            statement.execute(SqlFiles.statement("sql/database/server.sql", "reload_configuration"));
            if (startedHere != null) {
                statement.execute(SqlFiles.statement("sql/database/server.sql", "end_other_sessions"));
            }
        } catch (SQLException e) {
            throw new IOException("could not set the database password: " + e.getMessage(), e);
        }
        log.info("The embedded database in {} let every local account in without a password; it now requires the password in {}",
                pgData, passwordFile);
    }

    /**
     * Stops the server, or leaves it running for its linger time, unless another process, or another user in this one,
     * still uses it.
     */
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
                if (lastUser != null && linger.isZero()) {
                    stop();
                } else if (lastUser != null) {
                    leaveRunning();
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

    /** Leaves the server to the next command and to the idle watcher; stops it if no watcher can be started. */
    private void leaveRunning() throws IOException {
        try {
            IdleServerStopper.leftIdle(pgData.getParent(), linger);
            if (startedHere != null) {
                synchronized (IN_THIS_PROCESS) {
                    LEFT_RUNNING_HERE.put(pgData, startedHere);
                }
            }
            log.debug("The database server stays up for {} in case another command follows", linger);
        } catch (IOException e) {
            log.warn("Could not start the process that stops the idle database server ({}); stopping it now", e.getMessage());
            stop();
        }
    }

    private void stop() throws IOException {
        if (startedHere != null) {
            startedHere.close();
            return;
        }
        Optional<RunningServer> running = RunningServer.of(pgData);
        if (running.isPresent()) {
            stopPostmaster(running.get());
        }
    }

    /**
     * Stops a server started by a process that has left. SIGINT is PostgreSQL's fast shutdown (as pg_ctl -m fast): the
     * smart one that SIGTERM asks for would wait for every client, an operator's idle psql session included.
     */
    static void stopPostmaster(RunningServer running) throws IOException {
        ProcessHandle postmaster = running.process();
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        postmaster.onExit().orTimeout(60, TimeUnit.SECONDS).join();
    }

    static FileChannel open(Path file) throws IOException {
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
    record RunningServer(ProcessHandle process, int port) {

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
