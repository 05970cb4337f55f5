package org.wikimedia.phlogiston.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.ReferenceRun;
import org.wikimedia.phlogiston.StoredChecksums;
import org.wikimedia.phlogiston.dump.DumpLoader;
import org.wikimedia.phlogiston.run.NightlySchedule;
import org.wikimedia.phlogiston.run.PipelineRun;
import org.wikimedia.phlogiston.run.RunMode;
import org.wikimedia.phlogiston.run.RunRequest;
import org.wikimedia.phlogiston.run.RunResult;
import org.wikimedia.phlogiston.runcontrol.RunLock;

/**
 * {@code phlogiston run} and {@code restart} as an operator meets them, on the reference dump and a copy of its
 * scopes: each mode's plan, a dry run that changes nothing, the modes that refuse a load, a scope that fails while
 * the other publishes, a restart that runs only what failed (also of a run whose process died), a scheduled run made
 * once, a failed load, and a run (or a scheduled one) refused because another holds its scope.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunCommandTest extends DatabaseTest {

    private static final LocalDate AS_OF = LocalDate.parse("2019-03-15");
    private static final Pattern RUN_ID = Pattern.compile("Run #(\\d+)");

    @Autowired
    DumpLoader loader;

    @Autowired
    RunLock runLock;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    PipelineRun pipelineRun;

    @Autowired
    NightlySchedule schedule;

    private Path scopes;
    private Path output;
    private CliRun cli;

    @BeforeAll
    void loadTheReferenceDumpAndCopyItsScopes() throws IOException {
        scopes = Files.createTempDirectory("phlogiston-run-test").resolve("scopes");
        FileSystemUtils.copyRecursively(ReferenceRun.DIR.resolve("scopes"), scopes);
        jdbc.execute("TRUNCATE dump_load");
        loader.load(ReferenceRun.DUMP.toString(), true);
    }

    /** Each test publishes into an output folder of its own, so that none depends on what another published. */
    @BeforeEach
    void newOutputFolder() throws IOException {
        output = Files.createTempDirectory("phlogiston-run-output");
    }

    private int phlogiston(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", "target/test-data", "--scopes-dir", scopes.toString(),
                "--output-dir", output.toString(), "--as-of", AS_OF.toString()));
        all.addAll(List.of(args));
        cli = new CliRun();
        return cli.run(all.toArray(String[]::new));
    }

    @Test
    void eachModePlansItsStagesAndADryRunChangesNothing() {
        assertThat(phlogiston("run", "--mode", "rerecon", "--scope", "alp")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("alp: full reconstruction from 2018-04-02 to 2019-03-15", "alp: report published",
                "stages done");
        String publishedVersion = currentVersion("alp");
        Map<String, String> database = StoredChecksums.ofTables(jdbc);
        Map<String, String> files = StoredChecksums.ofFolder(output);
        String dump = ReferenceRun.DUMP.toString();
        long fullDays = ChronoUnit.DAYS.between(LocalDate.parse("2018-04-02"), AS_OF) + 1;
        String replaces = "alp: a new report replaces the published version " + publishedVersion;

        assertThat(phlogiston("run", "--scope", "alp", "--dump", dump, "--dry-run")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Dry run of `phlogiston run --mode incremental`: nothing is changed.",
                "Load: " + dump + ": no fresher dump",
                "alp: incremental reconstruction of 1 day, 2019-03-15 to 2019-03-15", replaces);

        assertThat(phlogiston("run", "--mode", "reconstruct", "--scope", "alp", "--dump", dump, "--dry-run")).isZero();
        assertThat(cli.out()).contains("Load: " + dump + ": no fresher dump",
                "alp: full reconstruction of %d days, 2018-04-02 to 2019-03-15, replacing its whole history (stored until 2019-03-15)"
                        .formatted(fullDays), replaces);

        assertThat(phlogiston("run", "--mode", "reports", "--scope", "alp", "--scope", "gam", "--dry-run")).isZero();
        assertThat(cli.out()).contains("Load: none (mode reports)", "alp: no reconstruction", replaces,
                "gam: a first report would be published in " + output.resolve("gam"));

        assertThat(phlogiston("run", "--mode", "rerecon", "--scope", "alp", "--dry-run")).isZero();
        assertThat(cli.out()).contains("Load: none (mode rerecon)",
                "alp: full reconstruction of %d days".formatted(fullDays), replaces);

        assertThat(StoredChecksums.ofTables(jdbc)).isEqualTo(database);
        assertThat(StoredChecksums.ofFolder(output)).isEqualTo(files);
    }

    @Test
    void reportsAndRereconRefuseALoadAndSayWhy() {
        assertThat(phlogiston("run", "--mode", "reports", "--load", "true", "--scope", "alp")).isEqualTo(64);
        assertThat(cli.err()).contains("--mode reports refuses --load true", "load and reconstruct");
        assertThat(phlogiston("run", "--mode", "rerecon", "--load", "true", "--scope", "alp")).isEqualTo(64);
        assertThat(cli.err()).contains("--mode rerecon refuses --load true", "--mode reconstruct");
        assertThat(phlogiston("run", "--mode", "sometimes", "--scope", "alp")).isEqualTo(64);
        assertThat(cli.err()).contains("unknown mode sometimes");
    }

    @Test
    void aBrokenScopeFailsAloneAndARestartRunsOnlyWhatFailed() throws IOException {
        Path rules = scopes.resolve("bet/recategorization.csv");
        String goodRules = Files.readString(rules);
        Files.writeString(rules, goodRules + "NoSuchRule,Broken,show,201,,\n");

        assertThat(phlogiston("run", "--mode", "rerecon", "--scope", "bet", "--scope", "gam")).as(cli.out()).isEqualTo(1);
        assertThat(cli.out()).contains("recategorization.csv", "gam: report published", "1 of 3 stages failed",
                "phlogiston restart");
        assertThat(output.resolve("gam/index.html")).exists();
        assertThat(output.resolve("bet")).doesNotExist();
        long runId = runId(cli.out());

        Files.writeString(rules, goodRules);
        assertThat(phlogiston("restart", Long.toString(runId))).as(cli.err()).isZero();
        assertThat(cli.out()).contains("bet: full reconstruction", "bet: report published", "2 stages done")
                .doesNotContain("gam:");
        assertThat(output.resolve("bet/index.html")).exists();
        assertThat(stepRunsOf(runId)).isEqualTo(Map.of("reconstruct-bet", 2L, "report-bet", 1L,
                "reconstruct-gam", 1L, "report-gam", 1L));

        assertThat(phlogiston("restart", Long.toString(runId))).isEqualTo(64);
        assertThat(cli.err()).contains("has completed");
    }

    @Test
    void aRunWhoseProcessDiedIsRestartedOnceItsLocksAreFree() throws Exception {
        // the died run only reports: a report needs a history of the dump loaded now
        assertThat(phlogiston("reconstruct", "--scope", "alp", "--incremental")).as(cli.err()).isZero();
        JobExecution died = jobRepository.createJobExecution(PipelineRun.JOB_NAME, new JobParametersBuilder()
                .addString("mode", "reports").addString("scopes", "alp").addString("load", "false")
                .addLong("requested", System.currentTimeMillis()).toJobParameters());
        died.setStartTime(LocalDateTime.now());
        died.setStatus(BatchStatus.STARTED);
        jobRepository.update(died);

        assertThat(phlogiston("restart", Long.toString(died.getId()))).as(cli.err()).isZero();
        assertThat(cli.out()).contains("alp: report published", "1 stages done");
        assertThat(jdbc.queryForObject("SELECT status || ' ' || exit_message FROM batch_job_execution "
                + "WHERE job_execution_id = ?", String.class, died.getId())).isEqualTo("FAILED killed or crashed: its process is gone");
    }

    @Test
    void aScheduledRunIsMadeOnceEvenWhenItFailed() {
        Instant scheduled = Instant.now(); // a time no run in this (kept) test database was scheduled for
        RunRequest request = new RunRequest(RunMode.RERECON, false, List.of("gone1"), null, Duration.ZERO);

        RunResult first = pipelineRun.run(request, scheduled);
        assertThat(first.succeeded()).isFalse();
        RunResult second = pipelineRun.run(request, scheduled);
        assertThat(second.runId()).isNull();
        assertThat(second.lines()).singleElement().asString()
                .contains("already made by another process: run #" + first.runId() + ", failed");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution WHERE job_instance_id = "
                + "(SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?)", Long.class,
                first.runId())).isEqualTo(1);
    }

    @Test
    void aScheduledRunThatFindsItsScopeHeldIsSkippedAndStartsNothing() throws Exception {
        Instant scheduled = Instant.now().plusSeconds(1); // a time no run in this test database was scheduled for
        RunRequest request = new RunRequest(RunMode.REPORTS, false, List.of("alp"), null, Duration.ZERO);
        assertThat(whileAnotherRunHolds("alp", () -> schedule.fire(request, scheduled))).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution_params WHERE parameter_name = 'scheduled' "
                + "AND parameter_value = ?", Long.class, scheduled.toString())).isZero();
    }

    @Test
    void aFailedLoadEndsTheRunBeforeTheScopesAndKeepsTheDataLoadedBefore() throws IOException {
        long loadedBefore = jdbc.queryForObject("SELECT max(id) FROM dump_load WHERE outcome = 'loaded'", Long.class);
        Path truncated = Files.writeString(scopes.getParent().resolve("truncated.dump"), "{\"task\": {\"1\": ");

        assertThat(phlogiston("run", "--mode", "incremental", "--dump", truncated.toString(), "--scope", "alp"))
                .isEqualTo(1);
        assertThat(cli.out()).contains("The load failed", "the data loaded before is untouched", "1 of 1 stages failed")
                .doesNotContain("alp:");
        assertThat(jdbc.queryForObject("SELECT max(id) FROM dump_load WHERE outcome = 'loaded'", Long.class))
                .isEqualTo(loadedBefore);
    }

    @Test
    void aRunOnAScopeAnotherRunHoldsExitsWith75() throws Exception {
        long runsBefore = jdbc.queryForObject("SELECT count(*) FROM batch_job_instance WHERE job_name = 'run'", Long.class);
        int exitCode = whileAnotherRunHolds("gam", () -> phlogiston("run", "--mode", "reports", "--scope", "alp", "--scope", "gam"));
        assertThat(exitCode).isEqualTo(75);
        assertThat(cli.err()).contains("scope gam", "the other run");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_instance WHERE job_name = 'run'", Long.class))
                .as("the refused run did not start").isEqualTo(runsBefore);
    }

    /** What {@code action} gives while another thread holds the locks of a run on {@code scope}, as another run would. */
    private <T> T whileAnotherRunHolds(String scope, Callable<T> action) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> otherRun = other.submit(() -> {
                try (RunLock.Held held = runLock.acquireForRun(false, List.of(scope),
                        "phlogiston run --mode rerecon --scope " + scope + " (the other run)", Duration.ZERO)) {
                    holding.countDown();
                    done.await(60, TimeUnit.SECONDS);
                }
                return null;
            });
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            T result = action.call();
            done.countDown();
            otherRun.get(30, TimeUnit.SECONDS);
            return result;
        } finally {
            done.countDown();
            other.shutdownNow();
        }
    }

    private static long runId(String out) {
        Matcher matcher = RUN_ID.matcher(out);
        assertThat(matcher.find()).as(out).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** How often each step of the run's job instance ran, over all its executions. */
    private Map<String, Long> stepRunsOf(long runId) {
        Map<String, Long> runs = new TreeMap<>();
        jdbc.query("""
                SELECT s.step_name, count(*) FROM batch_step_execution s
                  JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                 WHERE e.job_instance_id = (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?)
                 GROUP BY s.step_name""", rs -> {
                runs.put(rs.getString(1), rs.getLong(2));
            }, runId);
        return runs;
    }

    private String currentVersion(String scope) {
        try {
            return Files.readSymbolicLink(output.resolve(scope)).getFileName().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
