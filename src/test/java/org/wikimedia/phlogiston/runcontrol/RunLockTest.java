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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.cli.PhlogistonCommand;
import org.wikimedia.phlogiston.database.EmbeddedPostgresServer;
import org.wikimedia.phlogiston.scope.ScopeException;

/**
 * Run locks on a real PostgreSQL, each holder on a connection of its own as separate runs have them, and one in a
 * process of its own. On a database server of their own: other test runs in this checkout load dumps into the
 * shared test database, and the locks of those loads would be in the way here.
 */
@TestPropertySource(properties = {"phlogiston.data-dir=target/test-data-runcontrol",
        "phlogiston.run-control.dead-holder-wait=" + RunLockTest.DEAD_HOLDER_WAIT})
@ExtendWith(OutputCaptureExtension.class)
class RunLockTest extends DatabaseTest {

    static final String DEAD_HOLDER_WAIT = "1s";
    private static final Duration NO_WAIT = Duration.ZERO;
    /** Long enough for anything that happens in a test: waits that must end by an event, not by their deadline. */
    private static final Duration GENEROUS = Duration.ofMinutes(10);
    private static final String SINCE = "since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC";

    @Autowired
    RunLock runLock;

    @Autowired
    EmbeddedPostgresServer server;

    @Autowired
    HikariDataSource pool;

    @TempDir
    Path dir;

    @BeforeEach
    void forgetEarlierRuns() {
        jdbc.execute("TRUNCATE run_registry");
    }

    @Test
    void aSecondRunIsRefusedAtOnceAndToldWhoHoldsTheLock() {
        try (RunLock.Held holder = runLock.acquireForScope("alp", "phlogiston rerecon --scope alp", NO_WAIT)) {
            // The holder's process (this one) runs: it is not waited for as a dead holder would be.
            assertThatThrownBy(() -> runLock.acquireForScope("alp", "phlogiston report --scope alp", NO_WAIT))
                    .isInstanceOf(LockHeldException.class)
                    .hasMessageMatching("scope alp is being worked on by `phlogiston rerecon --scope alp` on host "
                            + Pattern.quote(host()) + ", pid " + ProcessHandle.current().pid() + ", " + SINCE
                            + "; try again when it is done, or wait for it with --wait DURATION");
        }
    }

    @Test
    void jobsOnDifferentScopesRunSideBySide() {
        workedOnSideBySide("alp", "gam");
        // "zzzzzz" has the largest key, negative as an int, which pg_locks shows as an unsigned oid
        workedOnSideBySide("alp", "zzzzzz");
        // "an" and "c0" have the same Java hash, the key of earlier versions
        assertThat("an".hashCode()).isEqualTo("c0".hashCode());
        workedOnSideBySide("an", "c0");
    }

    /** Jobs on both scopes hold their locks at once; a second job on either is refused, named its scope's job. */
    private void workedOnSideBySide(String first, String second) {
        try (RunLock.Held one = runLock.acquireForScope(first, "phlogiston rerecon --scope " + first, NO_WAIT);
             RunLock.Held other = runLock.acquireForScope(second, "phlogiston rerecon --scope " + second, NO_WAIT)) {
            for (String scope : List.of(first, second)) {
                assertThatThrownBy(() -> runLock.acquireForScope(scope, "phlogiston report --scope " + scope, NO_WAIT))
                        .hasMessageStartingWith("scope %s is being worked on by `phlogiston rerecon --scope %s`".formatted(scope, scope));
            }
        }
    }

    @Test
    void phlogistonSessionsAskTheServerToNoticeADeadClient() {
        assertThat(jdbc.queryForObject("SHOW client_connection_check_interval", String.class)).isEqualTo("2s");
        assertThat(jdbc.queryForList("SELECT setting FROM pg_settings WHERE name IN ('tcp_keepalives_idle', "
                + "'tcp_keepalives_interval', 'tcp_keepalives_count') ORDER BY name", String.class))
                .containsExactly("5", "30", "5");
    }

    @Test
    void everyScopeNameOfOneOrTwoCharactersHasAKeyOfItsOwn() {
        String characters = "0123456789abcdefghijklmnopqrstuvwxyz";
        List<String> names = new ArrayList<>();
        for (char first : characters.toCharArray()) {
            names.add(String.valueOf(first));
            for (char second : characters.toCharArray()) {
                names.add("" + first + second);
            }
        }
        assertThat(names).hasSize(36 + 36 * 36);
        assertThat(names.stream().map(AdvisoryLock::scopeKey).distinct()).hasSize(names.size());
    }

    @Test
    void aSixCharacterNameIsReadBackFromItsKeyInPgLocks() {
        for (String name : List.of("zzzzzz", "a0b9z1", "000000")) {
            try (RunLock.Held held = runLock.acquireForScope(name, "phlogiston rerecon --scope " + name, NO_WAIT)) {
                long objid = jdbc.queryForObject("SELECT objid::bigint FROM pg_locks WHERE locktype = 'advisory' "
                        + "AND classid = ?::oid AND objsubid = 2", Long.class, AdvisoryLock.SCOPE_CLASS);
                StringBuilder decoded = new StringBuilder();
                for (long rest = objid; rest > 0; rest /= 37) {
                    decoded.insert(0, Character.forDigit((int) (rest % 37) - 1, 36));
                }
                assertThat(decoded.toString()).isEqualTo(name);
            }
        }
        assertThat(Integer.toUnsignedLong(AdvisoryLock.scopeKey("zzzzzz"))).isEqualTo(37L * 37 * 37 * 37 * 37 * 37 - 1);
        assertThatThrownBy(() -> AdvisoryLock.scopeKey("abcdefg")).isInstanceOf(ScopeException.class);
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
    void waitingGetsTheLockOnceTheHolderLetsGo(CapturedOutput output) throws Exception {
        RunLock.Held holder = runLock.acquireForLoad("phlogiston load", NO_WAIT);
        CompletableFuture<RunLock.Held> waiter = CompletableFuture.supplyAsync(
                () -> runLock.acquireForScope("alp", "phlogiston rerecon --scope alp", GENEROUS));
        awaitOutput(output, "Waiting up to 10m: a dump load holds the database: `phlogiston load`", waiter);
        holder.close();
        try (RunLock.Held held = waiter.get()) {
            assertThatThrownBy(() -> runLock.acquireForScope("alp", "phlogiston report --scope alp", NO_WAIT))
                    .hasMessageStartingWith("scope alp is being worked on by `phlogiston rerecon --scope alp`");
        }
    }

    @Test
    void waitingGivesUpAtTheDeadline() {
        try (RunLock.Held holder = runLock.acquireForLoad("phlogiston load", NO_WAIT)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> runLock.acquireForLoad("phlogiston load --force", Duration.ofSeconds(1)))
                    .isInstanceOf(LockHeldException.class)
                    .hasMessageStartingWith("a dump load holds the database: `phlogiston load` on host")
                    .hasMessageEndingWith("; still so after waiting 1s");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void aHolderWhoseProcessIsGoneIsWaitedForUntilItsSessionEnds(CapturedOutput output) throws Exception {
        long gonePid = goneProcess();
        RunLock patient = new RunLock(pool, new RunControlProperties(GENEROUS));
        try (Connection orphan = pool.getConnection()) {
            int session = holdAsARunOf(orphan, "dead", gonePid);
            try {
                CompletableFuture<RunLock.Held> rerun = CompletableFuture.supplyAsync(
                        () -> patient.acquireForScope("dead", "phlogiston rerecon --scope dead", NO_WAIT));
                awaitOutput(output, "scope dead is being worked on by `phlogiston rerecon --scope dead` on host " + host()
                        + ", pid " + gonePid + ", since ", rerun);
                awaitOutput(output, " — its process (pid " + gonePid + ") is gone; waiting up to 10m for its database "
                        + "session to end", rerun);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE pid = ?", Long.class, session))
                        .as("the orphan session is still there, unharmed").isOne();
                try (Statement statement = orphan.createStatement()) {
                    statement.execute("SELECT pg_advisory_unlock_all()"); // as the server does when the session ends
                }
                rerun.get().close();
            } finally {
                releaseAll(orphan);
            }
        }
    }

    @Test
    void aHolderWhoseProcessIsGoneButWhoseSessionStaysIsRefusedAfterTheDeadHolderWait() throws Exception {
        long gonePid = goneProcess();
        try (Connection orphan = pool.getConnection()) {
            int session = holdAsARunOf(orphan, "dead", gonePid);
            try {
                assertThatThrownBy(() -> runLock.acquireForScope("dead", "phlogiston rerecon --scope dead", NO_WAIT))
                        .isInstanceOf(LockHeldException.class)
                        .hasMessageMatching("scope dead is being worked on by `phlogiston rerecon --scope dead` on host "
                                + Pattern.quote(host()) + ", pid " + gonePid + ", " + SINCE + " — its process \\(pid "
                                + gonePid + "\\) is gone; its database session \\(pid " + session + " in pg_stat_activity\\) "
                                + "still holds the lock after waiting " + DEAD_HOLDER_WAIT + ": the server ends it once it "
                                + "notices that its client is gone; try again later");
            } finally {
                releaseAll(orphan);
            }
        }
    }

    @Test
    void aProcessIsGoneWhenItsPidIsFreeOrTakenByALaterProcessAndOnlyOnThisHost() throws Exception {
        ProcessHandle self = ProcessHandle.current();
        Instant selfStarted = self.info().startInstant().orElseThrow();
        Claim claim = Claim.scope("alp");
        assertThat(new RegisteredRun(claim, "c", host(), self.pid(), Instant.now(), 1, true).processGone(host())).isFalse();
        assertThat(new RegisteredRun(claim, "c", host(), goneProcess(), Instant.now(), 1, true).processGone(host())).isTrue();
        assertThat(new RegisteredRun(claim, "c", host(), self.pid(), selfStarted.minus(Duration.ofDays(1)), 1, true)
                .processGone(host())).as("the pid was given to this process since").isTrue();
        assertThat(new RegisteredRun(claim, "c", "another-host", goneProcess(), Instant.now(), 1, true)
                .processGone(host())).as("a process on another host is not looked at").isFalse();
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
                pool.getJdbcUrl(), pool.getUsername(), "gam", pool.getPassword())
                .redirectErrorStream(true)
                .start();
        try {
            awaitHolding(holder);
            String holderNamed = "`" + LockHolderProcess.command("gam") + "` on host " + host() + ", pid " + holder.pid() + ", since ";
            assertThatThrownBy(() -> runLock.acquireForScope("gam", "phlogiston rerecon --scope gam", NO_WAIT))
                    .isInstanceOf(LockHeldException.class)
                    .hasMessageStartingWith("scope gam is being worked on by " + holderNamed);

            assertThat(holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS)).isTrue();

            // at once: a lock the server has not freed yet is waited for, its holder's process being gone
            try (RunLock.Held after = runLock.acquireForScope("gam", "phlogiston rerecon --scope gam", NO_WAIT)) {
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

    /**
     * Takes the lock of scope {@code prefix} on {@code orphan} and registers it as a run of the process {@code pid} on
     * this host: a session whose process is gone, as when a process dies and the server has not noticed it yet.
     * Returns the session's backend pid.
     */
    private static int holdAsARunOf(Connection orphan, String prefix, long pid) throws SQLException {
        try (Statement statement = orphan.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(%d, %d)".formatted(AdvisoryLock.SCOPE_CLASS, AdvisoryLock.scopeKey(prefix)));
            statement.execute(("INSERT INTO run_registry (lock_scope, mode, command, host, pid, started_at, backend_pid) "
                    + "VALUES ('%s', 'shared', 'phlogiston rerecon --scope %s', '%s', %d, now(), pg_backend_pid())")
                    .formatted(prefix, prefix, host(), pid));
            try (ResultSet backend = statement.executeQuery("SELECT pg_backend_pid()")) {
                backend.next();
                return backend.getInt(1);
            }
        }
    }

    /** Lets go of what {@code connection} holds, before it goes back to the pool. */
    private static void releaseAll(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock_all()");
        }
    }

    /** The pid of a process that has ended. */
    private static long goneProcess() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.waitFor();
        return process.pid();
    }

    /** Polls what was logged until it contains {@code expected}; fails if {@code task} ends first, or after a long while. */
    private static void awaitOutput(CapturedOutput output, String expected, CompletableFuture<?> task) throws Exception {
        Instant deadline = Instant.now().plus(GENEROUS);
        while (!output.getAll().contains(expected)) {
            assertThat(Instant.now()).as("logged: " + expected).isBefore(deadline);
            try {
                task.get(20, TimeUnit.MILLISECONDS);
                throw new AssertionError("ended before logging: " + expected);
            } catch (TimeoutException stillGoing) {
                // look again
            }
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
