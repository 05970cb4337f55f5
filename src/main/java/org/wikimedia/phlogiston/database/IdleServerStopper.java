package org.wikimedia.phlogiston.database;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops an embedded server that nobody has used for its linger time. The last Phlogiston process to leave a server
 * does not stop it when {@code phlogiston.embedded.linger} is above zero, so that the next command finds it running
 * and saves the server's start and stop; instead it records when it left, and how long the server may wait, in
 * {@code last-used} next to the data directory, and makes sure one process of this class watches the server. The
 * watcher sleeps until the server has been idle for that long, then stops it as the last process would have (fast
 * shutdown), unless a process is attached or one left since; and it ends once no server runs on the directory.
 *
 * <p>The watcher is a small JVM of its own, detached from the command that started it (its own session, its output in
 * {@code idle-stopper.log}), because only Java can test the {@code fcntl} locks ({@link FileChannel#lock}) by which
 * the processes using the server are known. Its pid, with its start time, is kept in {@code idle-stopper.pid}, so that
 * a second watcher is not started while the first lives. Every decision is taken holding {@code server.lock}, as
 * processes attach and leave holding it.
 */
public final class IdleServerStopper {

    static final String LAST_USED = "last-used";
    static final String PID_FILE = "idle-stopper.pid";
    static final String LOG_FILE = "idle-stopper.log";
    /** While a process uses the server, how often at least the watcher looks again. */
    static final Duration MINIMUM_RECHECK = Duration.ofMinutes(1);
    /**
     * What the watcher is started through, where the tool exists (each execs the next, so the pid stays the watcher's):
     * a session of its own, so that a terminal's hang-up does not end it; a lower priority, so that its JVM's start
     * (some 0.3 s of processor time) comes after the commands' work on a busy machine.
     */
    private static final List<List<String>> DETACHED = List.of(List.of("setsid"), List.of("nice", "-n", "10"));
    private static final List<Path> TOOL_DIRS = List.of(Path.of("/usr/bin"), Path.of("/bin"));
    private static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private final Path baseDir;
    private final Path pgData;

    IdleServerStopper(Path baseDir) {
        this.baseDir = baseDir;
        this.pgData = baseDir.resolve("pgdata");
    }

    /** What the watcher does after a check. */
    sealed interface Verdict {
        /** No server runs on the directory: the watcher's work is done. */
        record NoServer() implements Verdict {
        }

        /** The server has been idle for its linger time: it is stopped. */
        record Stop() implements Verdict {
        }

        /** Look again at this time, or as soon as the server stops. */
        record WaitUntil(Instant time) implements Verdict {
        }
    }

    /** When the last process left the server, and how long it may then wait for the next one. */
    record Idle(Instant since, Duration linger) {

        /** No record: the server is treated as idle for long, so that nothing keeps it running forever. */
        static final Idle UNKNOWN = new Idle(Instant.EPOCH, Duration.ZERO);

        Instant until() {
            return since.plus(linger);
        }
    }

    /**
     * The watcher's decision at {@code now}: stop the server once it has been idle for its linger time and no process
     * uses it; else look again when that time comes, or while a process uses it, after its linger time (at least
     * {@link #MINIMUM_RECHECK}), since the process will have recorded when it left.
     */
    static Verdict decide(Instant now, boolean serverRunning, boolean inUse, Idle idle) {
        if (!serverRunning) {
            return new Verdict.NoServer();
        }
        if (inUse) {
            Duration recheck = idle.linger().compareTo(MINIMUM_RECHECK) < 0 ? MINIMUM_RECHECK : idle.linger();
            return new Verdict.WaitUntil(now.plus(recheck));
        }
        return now.isBefore(idle.until()) ? new Verdict.WaitUntil(idle.until()) : new Verdict.Stop();
    }

    /**
     * Checks the server once at the time of {@code clock}, holding {@code server.lock}: stops it if {@link #decide}
     * says so. When no server is left, a watcher removes its own pid file before it lets go of the lock, so that a
     * process leaving afterwards starts a new watcher, and one leaving before found this one alive and watching.
     */
    Verdict checkOnce(Clock clock) throws IOException {
        try (FileChannel serverLockFile = EmbeddedPostgresServer.open(baseDir.resolve(EmbeddedPostgresServer.SERVER_LOCK));
             FileLock ignored = serverLockFile.lock();
             FileChannel usersLockFile = EmbeddedPostgresServer.open(baseDir.resolve(EmbeddedPostgresServer.USERS_LOCK))) {
            Optional<EmbeddedPostgresServer.RunningServer> running = EmbeddedPostgresServer.RunningServer.of(pgData);
            Verdict verdict;
            try (FileLock noUser = usersLockFile.tryLock()) {
                Idle idle = idle();
                verdict = decide(clock.instant(), running.isPresent(), noUser == null, idle);
                if (verdict instanceof Verdict.Stop) {
                    log("stopping the database server in " + pgData + ": nobody has used it since " + idle.since()
                            + ", its linger time " + idle.linger().toString().substring(2).toLowerCase(Locale.ROOT) + " has passed");
                    EmbeddedPostgresServer.stopPostmaster(running.orElseThrow());
                }
            }
            if (!(verdict instanceof Verdict.WaitUntil)) {
                forgetThisWatcher();
            }
            return verdict;
        }
    }

    private Idle idle() throws IOException {
        Path file = baseDir.resolve(LAST_USED);
        if (!Files.exists(file)) {
            return Idle.UNKNOWN;
        }
        try {
            return new Idle(Files.getLastModifiedTime(file).toInstant(), Duration.parse(Files.readString(file).strip()));
        } catch (DateTimeParseException e) {
            log(file + " does not hold a duration: " + e.getMessage());
            return Idle.UNKNOWN;
        }
    }

    private void forgetThisWatcher() throws IOException {
        if (describe(ProcessHandle.current()).equals(readPidFile())) {
            Files.delete(baseDir.resolve(PID_FILE));
        }
    }

    private String readPidFile() throws IOException {
        Path file = baseDir.resolve(PID_FILE);
        return Files.exists(file) ? Files.readString(file).strip() : "";
    }

    /** A process's pid and start time: a pid given to another process since does not match. */
    private static String describe(ProcessHandle process) {
        return process.pid() + " " + process.info().startInstant().map(Instant::toString).orElse("");
    }

    /**
     * Called by the last process to leave the server on {@code baseDir}, holding {@code server.lock}: records that the
     * server is idle from now on for {@code linger}, and starts a watcher unless one is alive.
     */
    static void leftIdle(Path baseDir, Duration linger) throws IOException {
        Path lastUsed = baseDir.resolve(LAST_USED);
        Files.writeString(lastUsed, linger.toString(), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(lastUsed, FileTime.from(Instant.now()));
        IdleServerStopper stopper = new IdleServerStopper(baseDir);
        String watcher = stopper.readPidFile();
        if (!watcher.isEmpty() && ProcessHandle.of(Long.parseLong(watcher.split(" ")[0]))
                .filter(process -> describe(process).equals(watcher)).isPresent()) {
            return;
        }
        Process started = new ProcessBuilder(watcherCommand(baseDir))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(baseDir.resolve(LOG_FILE).toFile()))
                .start();
        Files.writeString(baseDir.resolve(PID_FILE), describe(started.toHandle()));
    }

    /**
     * The watcher's command line: this JVM's java binary, small and quick to start, on this process's class path; when
     * this class was loaded from inside Phlogiston's executable jar, through Spring Boot's launcher that can start any
     * of its classes.
     */
    private static List<String> watcherCommand(Path baseDir) {
        List<String> command = new ArrayList<>();
        for (List<String> tool : DETACHED) {
            TOOL_DIRS.stream().map(dir -> dir.resolve(tool.get(0))).filter(Files::isExecutable).findFirst().ifPresent(found -> {
                command.add(found.toString());
                command.addAll(tool.subList(1, tool.size()));
            });
        }
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of("-Xmx16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path")));
        if (IdleServerStopper.class.getClassLoader() == ClassLoader.getSystemClassLoader()) {
            command.add(IdleServerStopper.class.getName());
        } else {
            command.addAll(List.of("-Dloader.main=" + IdleServerStopper.class.getName(), PROPERTIES_LAUNCHER));
        }
        command.add(baseDir.toString());
        return command;
    }

    /** Watches the server on the directory given (the one that holds {@code pgdata}) until none runs there. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: IdleServerStopper <dir holding pgdata>");
            System.exit(64);
        }
        IdleServerStopper stopper = new IdleServerStopper(Path.of(args[0]).toAbsolutePath().normalize());
        stopper.log("watching the database server in " + stopper.pgData + " (pid " + ProcessHandle.current().pid() + ")");
        Verdict verdict;
        while ((verdict = stopper.checkOnce(Clock.systemUTC())) instanceof Verdict.WaitUntil wait) {
            stopper.waitForStopOr(wait.time());
        }
        stopper.log(verdict instanceof Verdict.Stop ? "stopped; done" : "no database server runs there any more; done");
    }

    /** Waits until {@code time}, or until the server stops (any process may stop it, or it may crash). */
    private void waitForStopOr(Instant time) throws IOException {
        Optional<EmbeddedPostgresServer.RunningServer> running = EmbeddedPostgresServer.RunningServer.of(pgData);
        long millis = Duration.between(Instant.now(), time).toMillis();
        if (running.isEmpty() || millis <= 0) {
            return;
        }
        try {
            running.get().process().onExit().get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException timeToLook) {
            // the time has come
        } catch (ExecutionException | InterruptedException e) {
            throw new IOException("waiting for the database server failed: " + e.getMessage(), e);
        }
    }

    private void log(String message) {
        System.out.println(Instant.now() + " " + message);
    }
}
