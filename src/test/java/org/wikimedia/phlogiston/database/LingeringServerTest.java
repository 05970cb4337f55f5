package org.wikimedia.phlogiston.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import org.wikimedia.phlogiston.database.IdleServerStopper.Verdict;

/**
 * With a linger time, the last process to leave the embedded server leaves it running and starts one idle watcher,
 * which stops the server once nobody has used it for that long, and then ends. The watcher's checks are run here with
 * clocks set past the linger time, so nothing waits an hour: a check while another process is attached leaves the
 * server running, the first one after the linger time since that process left stops it.
 */
class LingeringServerTest {

    private static final Path ROOT = Path.of("target/test-data-lingering").toAbsolutePath();
    /** The server whose watcher's checks the test runs with its own clocks. */
    private static final Path BASE = ROOT.resolve("checked");
    /** The server left to its watcher alone. */
    private static final Path ALONE = ROOT.resolve("alone");
    private static final Duration LINGER = Duration.ofHours(1);
    /** Only so that a hang ends: the watcher notices the server's end within seconds. */
    private static final long GENEROUS_SECONDS = 120;

    @BeforeAll
    static void startFromNothing() throws IOException {
        FileSystemUtils.deleteRecursively(ROOT);
    }

    @Test
    void theServerOutlivesItsLastUserUntilItsWatcherFindsItIdleForTheLingerTime() throws Exception {
        String password;
        int port;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrAttach(BASE, LINGER)) {
            password = server.password();
            port = server.port();
        }
        assertThat(answer(port, password)).as("still running after its last user left").isEqualTo("up");
        assertThat(Files.readString(BASE.resolve(IdleServerStopper.LAST_USED))).isEqualTo("PT1H");
        ProcessHandle watcher = watcher(BASE).orElseThrow();

        IdleServerStopper stopper = new IdleServerStopper(BASE);
        Instant left = lastUsed(BASE);
        assertThat(stopper.checkOnce(at(left.plus(LINGER).minusSeconds(1)))).isEqualTo(new Verdict.WaitUntil(left.plus(LINGER)));
        assertThat(answer(port, password)).isEqualTo("up");

        Process user = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), AttachedUserProcess.class.getName(), BASE.toString(), LINGER.toString())
                .redirectErrorStream(true).start();
        try {
            awaitAttached(user);
            Instant twoHoursLater = left.plus(Duration.ofHours(2));
            assertThat(stopper.checkOnce(at(twoHoursLater))).as("a process is attached")
                    .isEqualTo(new Verdict.WaitUntil(twoHoursLater.plus(LINGER)));
            assertThat(answer(port, password)).isEqualTo("up");
        } finally {
            user.getOutputStream().close();
        }
        assertThat(user.waitFor()).isZero();
        assertThat(answer(port, password)).as("still running after its other user left").isEqualTo("up");
        assertThat(watcher(BASE)).as("still the one watcher").contains(watcher);

        Instant userLeft = lastUsed(BASE);
        assertThat(userLeft).isAfterOrEqualTo(left);
        assertThat(stopper.checkOnce(at(userLeft.plus(LINGER).minusSeconds(1)))).isEqualTo(new Verdict.WaitUntil(userLeft.plus(LINGER)));
        assertThat(stopper.checkOnce(at(userLeft.plus(LINGER)))).isEqualTo(new Verdict.Stop());
        assertThatThrownBy(() -> answer(port, password)).isInstanceOf(SQLException.class);
        assertThat(EmbeddedPostgresServer.RunningServer.of(BASE.resolve("pgdata"))).isEmpty();

        watcher.onExit().get(GENEROUS_SECONDS, TimeUnit.SECONDS);
        assertThat(BASE.resolve(IdleServerStopper.PID_FILE)).doesNotExist();
        assertThat(Files.readString(BASE.resolve(IdleServerStopper.LOG_FILE)))
                .contains(" watching the database server in " + BASE.resolve("pgdata") + " (pid " + watcher.pid() + ")\n")
                .endsWith(" no database server runs there any more; done\n");

        // This process started the server and left it running; another one stopped it. Starting it here again must
        // not trip over what this process kept of its first start (zonky's lock on the data directory).
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.startOrAttach(BASE, Duration.ZERO)) {
            assertThat(answer(again.port(), again.password())).isEqualTo("up");
        }
        assertThat(EmbeddedPostgresServer.RunningServer.of(BASE.resolve("pgdata"))).as("stopped with linger 0").isEmpty();
    }

    @Test
    void leftAloneTheWatcherStopsTheServerAfterTheLingerTimeAndEnds() throws Exception {
        try (EmbeddedPostgresServer ignored = EmbeddedPostgresServer.startOrAttach(ALONE, Duration.ofSeconds(3))) {
            // used, then left
        }
        ProcessHandle watcher = watcher(ALONE).orElseThrow();
        Optional<EmbeddedPostgresServer.RunningServer> running = EmbeddedPostgresServer.RunningServer.of(ALONE.resolve("pgdata"));
        if (running.isPresent()) { // else the watcher was quicker than this look
            running.get().process().onExit().get(GENEROUS_SECONDS, TimeUnit.SECONDS);
        }
        watcher.onExit().get(GENEROUS_SECONDS, TimeUnit.SECONDS);
        assertThat(EmbeddedPostgresServer.RunningServer.of(ALONE.resolve("pgdata"))).isEmpty();
        assertThat(ALONE.resolve(IdleServerStopper.PID_FILE)).doesNotExist();
        assertThat(Files.readString(ALONE.resolve(IdleServerStopper.LOG_FILE)))
                .contains(" stopping the database server in " + ALONE.resolve("pgdata") + ": nobody has used it since "
                        + lastUsed(ALONE) + ", its linger time 3s has passed\n")
                .endsWith(" stopped; done\n");
    }

    @AfterAll
    static void leaveNothingRunning() throws IOException {
        for (Path base : List.of(BASE, ALONE)) {
            watcher(base).ifPresent(ProcessHandle::destroy);
            Optional<EmbeddedPostgresServer.RunningServer> running = EmbeddedPostgresServer.RunningServer.of(base.resolve("pgdata"));
            if (running.isPresent()) {
                EmbeddedPostgresServer.stopPostmaster(running.get());
            }
        }
    }

    /** The watcher named by the pid file, if alive. */
    private static Optional<ProcessHandle> watcher(Path base) throws IOException {
        Path pidFile = base.resolve(IdleServerStopper.PID_FILE);
        return Files.exists(pidFile) ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).split(" ")[0])) : Optional.empty();
    }

    private static Instant lastUsed(Path base) throws IOException {
        return Files.getLastModifiedTime(base.resolve(IdleServerStopper.LAST_USED)).toInstant();
    }

    private static Clock at(Instant time) {
        return Clock.fixed(time, ZoneOffset.UTC);
    }

    private static String answer(int port, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                EmbeddedPostgresServer.SUPERUSER, password);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT 'up'")) {
            row.next();
            return row.getString(1);
        }
    }

    /** Waits until the user process says it is attached; fails with what it printed if it ends first. */
    private static void awaitAttached(Process user) throws IOException {
        BufferedReader output = user.inputReader();
        StringBuilder printed = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.equals(AttachedUserProcess.ATTACHED)) {
                return;
            }
            printed.append(line).append('\n');
        }
        throw new AssertionError("the user process ended before it attached:\n" + printed);
    }
}
