package org.wikimedia.phlogiston.runcontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.PhlogistonProperties;
import org.wikimedia.phlogiston.cli.PhlogistonCommand;
import org.wikimedia.phlogiston.database.EmbeddedPostgresServer;

/**
 * Run locks on a real PostgreSQL, each holder on a connection of its own as separate runs have them, and one in a
 * process of its own. On a database server of their own: other test runs in this checkout load dumps into the
 * shared test database, and the locks of those loads would be in the way here.
 */
@TestPropertySource(properties = "phlogiston.data-dir=target/test-data-runcontrol")
@ExtendWith(OutputCaptureExtension.class)
class RunLockTest extends DatabaseTest {

    private static final Duration NO_WAIT = Duration.ZERO;
    private static final String SINCE = "since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC";

    @Autowired
    RunLock runLock;

    @Autowired
    EmbeddedPostgresServer server;

    @Autowired
    PhlogistonProperties properties;

    @TempDir
    Path dir;

    @BeforeEach
    void forgetEarlierRuns() {
        jdbc.execute("TRUNCATE run_registry");
    }

    @Test
    void aSecondRunIsRefusedAtOnceAndToldWhoHoldsTheLock() {
        try (RunLock.Held holder = runLock.acquireForScope("alp", "phlogiston rerecon --scope alp", NO_WAIT)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> runLock.acquireForScope("alp", "phlogiston report --scope alp", NO_WAIT))
                    .isInstanceOf(LockHeldException.class)
                    .hasMessageMatching("scope alp is being worked on by `phlogiston rerecon --scope alp` on host "
                            + Pattern.quote(host()) + ", pid " + ProcessHandle.current().pid() + ", " + SINCE
                            + "; try again when it is done, or wait for it with --wait DURATION");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void jobsOnDifferentScopesRunSideBySide() {
        try (RunLock.Held alp = runLock.acquireForScope("alp", "phlogiston rerecon --scope alp", NO_WAIT);
             RunLock.Held wikidata = runLock.acquireForScope("wikidata", "phlogiston rerecon --scope wikidata", NO_WAIT)) {
            // "wikidata" hashes to a negative key, which pg_locks shows as an unsigned oid
            assertThatThrownBy(() -> runLock.acquireForScope("wikidata", "phlogiston report --scope wikidata", NO_WAIT))
                    .hasMessageStartingWith("scope wikidata is being worked on by `phlogiston rerecon --scope wikidata`");
        }
    }

    @Test
    void aLoadAndAScopeJobKeepEachOtherOut() {
        try (RunLock.Held scopeJob = runLock.acquireForScope("alp", "phlogiston rerecon --scope alp", NO_WAIT)) {
            assertThatThrownBy(() -> runLock.acquireForLoad("phlogiston load", NO_WAIT))
                    .isInstanceOf(LockHeldException.class)
                    .hasMessageStartingWith("scope alp is being worked on by `phlogiston rerecon --scope alp`");
        }
        try (RunLock.Held load = runLock.acquireForLoad("phlogiston load --dump nightly.dump", NO_WAIT)) {
            assertThatThrownBy(() -> runLock.acquireForScope("alp", "phlogiston rerecon --scope alp", NO_WAIT))
                    .isInstanceOf(LockHeldException.class)
                    .hasMessageMatching("a dump load holds the database: `phlogiston load --dump nightly.dump` on host .*, pid \\d+, "
                            + SINCE + "; .*");
        }
    }

    @Test
    void aLockTakenOutsidePhlogistonIsReportedByItsSession() throws SQLException {
        try (Connection outsider = jdbc.getDataSource().getConnection(); Statement statement = outsider.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(%d, 0)".formatted(AdvisoryLock.GLOBAL_CLASS));
            try {
                int backendPid = jdbc.queryForObject("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = ?::oid",
                        Integer.class, AdvisoryLock.GLOBAL_CLASS);
                assertThatThrownBy(() -> runLock.acquireForLoad("phlogiston load", NO_WAIT))
                        .hasMessageStartingWith("the database is held by another session (pid " + backendPid + " in pg_stat_activity)");
            } finally {
                statement.execute("SELECT pg_advisory_unlock_all()"); // before the connection goes back to the pool
            }
        }
    }

    @Test
    void waitingGetsTheLockOnceTheHolderLetsGo() {
        long started = System.nanoTime();
        RunLock.Held holder = runLock.acquireForLoad("phlogiston load", NO_WAIT);
        CompletableFuture<Void> release = CompletableFuture.runAsync(holder::close, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
        try (RunLock.Held waiter = runLock.acquireForScope("alp", "phlogiston rerecon --scope alp", Duration.ofSeconds(30))) {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
        }
        release.join();
    }

    @Test
    void waitingGivesUpAtTheDeadline() {
        try (RunLock.Held holder = runLock.acquireForLoad("phlogiston load", NO_WAIT)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> runLock.acquireForLoad("phlogiston load --force", Duration.ofSeconds(1)))
                    .isInstanceOf(LockHeldException.class)
                    .hasMessageStartingWith("a dump load holds the database: `phlogiston load` on host")
                    .hasMessageEndingWith("; still so after waiting 1s");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
        }
    }

    @Test
    void aHolderWhoseSessionDiedLeavesTheLockFreeAndAStaleRecord() {
        try (RunLock.Held crashed = runLock.acquireForLoad("phlogiston load --dump nightly.dump", NO_WAIT)) {
            int backendPid = jdbc.queryForObject("SELECT backend_pid FROM run_registry WHERE released_at IS NULL", Integer.class);
            assertThat(jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, backendPid)).isTrue();

            try (RunLock.Held next = runLock.acquireForLoad("phlogiston load --dump retry.dump", Duration.ofSeconds(10))) {
                assertThatThrownBy(() -> runLock.acquireForScope("alp", "phlogiston rerecon --scope alp", NO_WAIT))
                        .hasMessageStartingWith("a dump load holds the database: `phlogiston load --dump retry.dump`")
                        .hasMessageMatching(".* \\(stale record: `phlogiston load --dump nightly.dump` on host .*, pid \\d+, "
                                + SINCE + " — its process is gone\\);.*");
            }
        } // closing the dead holder's locks only logs that they are gone already
    }

    @Test
    void aKilledHolderProcessLeavesTheLockFree() throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolderProcess.class.getName(),
                server.jdbcUrl("phlogiston"), properties.db().user(), "gam", server.password())
                .redirectErrorStream(true)
                .start();
        try {
            awaitHolding(holder);
            String holderNamed = "`" + LockHolderProcess.command("gam") + "` on host " + host() + ", pid " + holder.pid() + ", since ";
            assertThatThrownBy(() -> runLock.acquireForScope("gam", "phlogiston rerecon --scope gam", NO_WAIT))
                    .isInstanceOf(LockHeldException.class)
                    .hasMessageStartingWith("scope gam is being worked on by " + holderNamed);

            assertThat(holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS)).isTrue();

            try (RunLock.Held after = runLock.acquireForScope("gam", "phlogiston rerecon --scope gam", Duration.ofSeconds(10))) {
                assertThatThrownBy(() -> runLock.acquireForScope("gam", "phlogiston report --scope gam", NO_WAIT))
                        .hasMessageStartingWith("scope gam is being worked on by `phlogiston rerecon --scope gam`")
                        .hasMessageContaining("(stale record: " + holderNamed)
                        .hasMessageContaining(" — its process is gone)");
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void theLoadCommandExitsWith75AndNamesTheHolder(CapturedOutput output) {
        try (RunLock.Held scopeJob = runLock.acquireForScope("alp", "phlogiston rerecon --scope alp", NO_WAIT)) {
            int exit = PhlogistonCommand.execute("load", "--dump", dir.resolve("never-read.dump").toString(),
                    "--db-url", server.jdbcUrl("phlogiston"), "--db-password", server.password(), "--data-dir", dir.toString());

            assertThat(exit).isEqualTo(75);
            assertThat(output.getErr()).contains("phlogiston load: scope alp is being worked on by `phlogiston rerecon --scope alp` on host "
                    + host() + ", pid " + ProcessHandle.current().pid());
        }
    }

    /** Waits until the holder process says it holds its lock; fails with what it printed if it ends first. */
    private static void awaitHolding(Process holder) throws Exception {
        BufferedReader output = holder.inputReader();
        StringBuilder printed = new StringBuilder();
        CompletableFuture<Boolean> holding = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (line.equals(LockHolderProcess.HOLDING)) {
                        return true;
                    }
                    printed.append(line).append('\n');
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(holding.get(60, TimeUnit.SECONDS)).as(printed::toString).isTrue();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
