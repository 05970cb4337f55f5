package org.wikimedia.phlogiston.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.PhlogistonApplication;
import org.wikimedia.phlogiston.ReferenceRun;
import org.wikimedia.phlogiston.dump.DumpLoader;

/**
 * A `phlogiston run` whose process is killed (SIGKILL) in the middle of a statement that would run for ten minutes,
 * and the same run started again at once, as an operator would after a crash: the rerun goes through without
 * --wait, the server ends the dead process's session long before its statement would have ended, and the history
 * shows the killed run failed, with its process, and how to restart it. The statement is made long by a trigger of
 * this test's own on the table a reconstruction fills. On a database server of its own (a data directory of its own).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "phlogiston.data-dir=target/test-data-crash")
class CrashRecoveryTest extends DatabaseTest {

    /** How long the killed run's statement would run: far longer than anything here may take. */
    private static final int STATEMENT_SECONDS = 600;
    /** How long the test waits for an event at most: long for the event, short beside the statement. */
    private static final Duration GENEROUS = Duration.ofMinutes(3);
    private static final String SCOPE = "alp";
    /** The pause between two looks at something awaited. */
    private static final Duration LOOK_AGAIN = Duration.ofMillis(50);

    @Autowired
    DumpLoader loader;

    @Autowired
    HikariDataSource pool;

    private Path dir;
    private CliRun cli;

    @BeforeAll
    void loadTheReferenceDumpAndMakeInsertsIntoTheHistorySlow() throws IOException {
        dir = Files.createTempDirectory("phlogiston-crash-test");
        FileSystemUtils.copyRecursively(ReferenceRun.DIR.resolve("scopes"), dir.resolve("scopes"));
        // the dead holder wait the rerun would have, were the killed run's locks still held
        Files.writeString(dir.resolve("settings.properties"), "phlogiston.run-control.dead-holder-wait=5s\n");
        jdbc.execute("TRUNCATE dump_load");
        loader.load(ReferenceRun.DUMP.toString(), true);
        dropTheSlowInsert();
        jdbc.execute("CREATE TABLE crash_test_pause (seconds integer)");
        jdbc.update("INSERT INTO crash_test_pause VALUES (?)", STATEMENT_SECONDS);
        jdbc.execute("""
                CREATE FUNCTION crash_test_slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_sleep(coalesce((SELECT max(seconds) FROM crash_test_pause), 0));
                    RETURN NULL;
                END
                $$""");
        jdbc.execute("CREATE TRIGGER crash_test_slow_insert AFTER INSERT ON task_state_interval "
                + "FOR EACH STATEMENT EXECUTE FUNCTION crash_test_slow_insert()");
    }

    @AfterAll
    void dropTheSlowInsert() {
        jdbc.execute("DROP TRIGGER IF EXISTS crash_test_slow_insert ON task_state_interval");
        jdbc.execute("DROP FUNCTION IF EXISTS crash_test_slow_insert()");
        jdbc.execute("DROP TABLE IF EXISTS crash_test_pause");
    }

    @Test
    void aRunKilledInTheMiddleOfALongStatementIsRerunAtOnceAndShownFailed() throws Exception {
        Path log = dir.resolve("killed-run.log");
        Process killed = new ProcessBuilder(commandLine()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int session;
        try {
            await("the killed run's reconstruction inserting its history", () -> killed.isAlive() && sleepingSession() != null,
                    () -> "the run ended first:\n" + read(log));
            session = sleepingSession();
        } finally {
            killed.destroyForcibly().waitFor();
        }
        jdbc.update("DELETE FROM crash_test_pause"); // the rerun's inserts are not slowed down

        CompletableFuture<Integer> rerun = CompletableFuture.supplyAsync(() -> phlogiston("run", "--mode", "rerecon",
                "--scope", SCOPE));
        int deadSession = session;
        // The server ends the session of the killed process before its statement ends (client_connection_check_interval)
        await("the end of the killed run's session", () -> !sessionExists(deadSession), () -> "it is still there");
        assertThat(rerun.get()).as(() -> cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains(SCOPE + ": report published", "stages done");

        long killedRun = jdbc.queryForObject("""
                SELECT e.job_execution_id
                  FROM batch_job_execution e
                  JOIN batch_job_instance i USING (job_instance_id)
                  JOIN batch_job_execution_params p USING (job_execution_id)
                 WHERE i.job_name = 'run' AND p.parameter_name = 'lockPid' AND p.parameter_value = ?
                 ORDER BY e.job_execution_id DESC LIMIT 1""", Long.class, Long.toString(killed.pid()));
        String gone = "killed or crashed: its process (pid %d on host %s) is gone"
                .formatted(killed.pid(), InetAddress.getLocalHost().getHostName());
        assertThat(phlogiston("history", "--scope", SCOPE, "--limit", "2")).as(cli.err()).isZero();
        assertThat(cli.out())
                .containsPattern("\n#%d +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +- +failed +run --mode rerecon --scope %s\n"
                        .formatted(killedRun, SCOPE)
                        + "  +reconstruct %s +- +failed +\\Q%s\\E\n".formatted(SCOPE, gone)
                        + " +Once the cause is fixed, `phlogiston restart %d` resumes it".formatted(killedRun))
                .containsPattern("\n#\\d+ .* done +run --mode rerecon --scope " + SCOPE + "\n");
    }

    /** The killed run's command line: a process of its own, on this test's database. */
    private List<String> commandLine() {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), PhlogistonApplication.class.getName()));
        command.addAll(options());
        command.addAll(List.of("run", "--mode", "rerecon", "--scope", SCOPE));
        return command;
    }

    private List<String> options() {
        List<String> options = new ArrayList<>(List.of("--db-url", pool.getJdbcUrl(), "--db-user", pool.getUsername(),
                "--data-dir", dir.resolve("data").toString(), "--scopes-dir", dir.resolve("scopes").toString(),
                "--output-dir", dir.resolve("reports").toString(), "--as-of", "2019-03-15",
                "--config", dir.resolve("settings.properties").toString()));
        if (pool.getPassword() != null) {
            options.addAll(List.of("--db-password", pool.getPassword()));
        }
        return options;
    }

    private int phlogiston(String... args) {
        List<String> all = new ArrayList<>(options());
        all.addAll(List.of(args));
        cli = new CliRun();
        return cli.run(all.toArray(String[]::new));
    }

    /** The backend pid of the session sleeping in the slow insert, or null. */
    private Integer sleepingSession() {
        return jdbc.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'",
                rows -> rows.next() ? rows.getInt(1) : null);
    }

    private boolean sessionExists(int pid) {
        return jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE pid = ?", Long.class, pid) > 0;
    }

    /** Looks at {@code condition} until it holds; fails, saying {@code otherwise}, if it does not within {@link #GENEROUS}. */
    private static void await(String what, BooleanSupplier condition, Supplier<String> otherwise)
            throws Exception {
        Instant deadline = Instant.now().plus(GENEROUS);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(() -> "waiting for " + what + ": " + otherwise.get()).isBefore(deadline);
            LockSupport.parkNanos(LOOK_AGAIN.toNanos());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e.getMessage() + ")";
        }
    }
}
