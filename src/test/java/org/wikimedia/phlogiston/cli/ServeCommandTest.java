package org.wikimedia.phlogiston.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.dump.DumpLoader;
import org.wikimedia.phlogiston.history.HandBuiltHistory;
import org.wikimedia.phlogiston.run.NightlySchedule;
import org.wikimedia.phlogiston.run.RunMode;
import org.wikimedia.phlogiston.run.RunRequest;
import org.wikimedia.phlogiston.run.RunResult;

/**
 * {@code phlogiston serve} started as an operator would, with a schedule firing every two seconds: it makes the run,
 * serves the report it published, and stops cleanly. The application of this test plays a second serve process on
 * the same database. The HTTP port is one the system gave out and took back, since {@code --http-port 0} means "do not
 * serve".
 */
class ServeCommandTest extends DatabaseTest {

    /** A copy of the scope recat under a name of its own. */
    private static final String SCOPE = "serve";
    /** How long serve may take to make its first run or to stop before the test gives up, however busy the machine. */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);
    private static final String RUNS = "FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id) "
            + "JOIN batch_job_execution_params p USING (job_execution_id) WHERE i.job_name = 'run' "
            + "AND p.parameter_name = 'scopes' AND p.parameter_value = '" + SCOPE + "' AND e.job_execution_id > ?";

    @Autowired
    DumpLoader loader;

    @Autowired
    NightlySchedule otherProcessSchedule;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void makesTheScheduledRunServesItsReportAndStopsCleanly() throws Exception {
        jdbc.execute("TRUNCATE dump_load");
        loader.load(HandBuiltHistory.dump().writeTo(dir.resolve("history.dump")).toString(), true);
        long lastRunBefore = jdbc.queryForObject("SELECT coalesce(max(job_execution_id), 0) FROM batch_job_execution", Long.class);
        Path scopesDir = dir.resolve("scopes");
        Path scope = Files.createDirectories(scopesDir.resolve(SCOPE));
        for (String file : List.of("scope.ini", "recategorization.csv")) {
            Files.copy(Path.of("src/test/resources/history-scopes/recat").resolve(file), scope.resolve(file));
        }
        Path output = dir.resolve("reports");
        int port = freePort();

        CommandLine cli = PhlogistonCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ServeCommand serve = cli.getSubcommands().get("serve").getCommand();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<Integer> exitCode = thread.submit(() -> cli.execute("--data-dir", "target/test-data", "--as-of", "2019-03-15",
                "--scopes-dir", scopesDir.toString(), "--output-dir", output.toString(),
                "serve", "--cron", "*/2 * * * * ?", "--mode", "rerecon", "--scope", SCOPE, "--http-port", Integer.toString(port)));
        long firstRun;
        try {
            firstRun = awaitCompletedRun(lastRunBefore, exitCode);
            assertThat(out.toString()).contains("Serving: `phlogiston run --mode rerecon --load false --scope " + SCOPE + "` at "
                    + "'*/2 * * * * ?' (UTC)", "Reports at http://127.0.0.1:" + port + "/");
            HttpResponse<String> report = get(URI.create("http://127.0.0.1:" + port + "/" + SCOPE + "/index.html"));
            assertThat(report.statusCode()).isEqualTo(200);
            assertThat(report.body()).contains("Recategorization test");
        } finally {
            serve.stop();
            thread.shutdown();
        }
        assertThat(exitCode.get(GIVE_UP_AFTER.toSeconds(), TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) " + RUNS + " AND e.status IN ('STARTING', 'STARTED')", Long.class,
                lastRunBefore)).as("runs left unfinished").isZero();
        assertThatThrownBy(() -> get(URI.create("http://127.0.0.1:" + port + "/"))).as("the HTTP server stopped")
                .isInstanceOf(ConnectException.class);

        Instant scheduledAt = Instant.parse(jdbc.queryForObject("SELECT parameter_value FROM batch_job_execution_params "
                + "WHERE job_execution_id = ? AND parameter_name = 'scheduled'", String.class, firstRun));
        long runs = jdbc.queryForObject("SELECT count(*) " + RUNS, Long.class, lastRunBefore);
        Optional<RunResult> again = otherProcessSchedule.fire(
                new RunRequest(RunMode.RERECON, false, List.of(SCOPE), null, Duration.ZERO), scheduledAt);
        assertThat(again).hasValueSatisfying(result -> {
            assertThat(result.runId()).isNull();
            assertThat(result.lines()).anyMatch(line -> line.contains("already made by another process"));
        });
        assertThat(jdbc.queryForObject("SELECT count(*) " + RUNS, Long.class, lastRunBefore)).as("runs started").isEqualTo(runs);
    }

    @Test
    void refusesAWrongScheduleBeforeServing() {
        CliRun cli = new CliRun();
        String[] global = {"--data-dir", "target/test-data", "--scopes-dir", "src/test/resources/history-scopes"};
        assertThat(cli.run(concat(global, "serve", "--cron", "every night", "--scope", "recat"))).isEqualTo(64);
        assertThat(cli.err()).contains("'every night' is not a Quartz cron expression");
        assertThat(cli.run(concat(global, "serve", "--scope", "recat", "--scope", "nosuch"))).isEqualTo(64);
        assertThat(cli.err()).contains("there is no scope nosuch in ", "; the scopes are cutoff, hist, recat");
        assertThat(cli.run(concat(global, "serve", "--mode", "nightly"))).isEqualTo(64);
        assertThat(cli.err()).contains("unknown mode nightly");
    }

    private static String[] concat(String[] first, String... then) {
        return Stream.concat(Arrays.stream(first), Arrays.stream(then)).toArray(String[]::new);
    }

    /**
     * The id of the first run after {@code lastRunBefore} to complete, as the job repository tells it; fails at once if
     * serve ends first.
     */
    private long awaitCompletedRun(long lastRunBefore, Future<Integer> serve) {
        return await("a scheduled run that completes").atMost(GIVE_UP_AFTER)
                .failFast(() -> assertThat(serve).as(() -> "serve ended: " + err).isNotDone())
                .until(() -> jdbc.queryForList("SELECT e.job_execution_id " + RUNS + " AND e.status = 'COMPLETED' ORDER BY 1",
                        Long.class, lastRunBefore), completed -> !completed.isEmpty())
                .get(0);
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
