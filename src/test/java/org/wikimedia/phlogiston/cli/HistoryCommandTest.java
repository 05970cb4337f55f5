package org.wikimedia.phlogiston.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.ReferenceRun;
import org.wikimedia.phlogiston.dump.DumpLoader;
import org.wikimedia.phlogiston.dump.LoadOutcome;
import org.wikimedia.phlogiston.history.Reconstruction;
import org.wikimedia.phlogiston.run.PipelineRun;
import org.wikimedia.phlogiston.run.RunHistory;
import org.wikimedia.phlogiston.run.RunHistory.Outcome;
import org.wikimedia.phlogiston.run.RunHistory.PastRun;
import org.wikimedia.phlogiston.run.RunHistory.Stage;
import org.wikimedia.phlogiston.run.RunMode;
import org.wikimedia.phlogiston.run.RunRequest;
import org.wikimedia.phlogiston.run.RunResult;
import org.wikimedia.phlogiston.runcontrol.RunLock;
import org.wikimedia.phlogiston.runcontrol.ScopeJobLauncher;

/**
 * {@code phlogiston history} and the {@link RunHistory} it prints, on real runs of the reference scopes: a load, a
 * run, a reconstruction on its own, then, with a scope broken, a reconstruction and a run that fail, and the restart
 * of that run once the scope is mended. The test database holds the runs of other tests too, so the checks look at
 * the runs made here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"phlogiston.scopes-dir=target/history-test/scopes",
        "phlogiston.output-dir=target/history-test/reports"})
class HistoryCommandTest extends DatabaseTest {

    private static final Path SCOPES = Path.of("target/history-test/scopes");
    /** The rules of gam, which get broken after its first run, then mended. */
    private static final Path GAM_RULES = SCOPES.resolve("gam/recategorization.csv");

    @Autowired
    DumpLoader loader;

    @Autowired
    PipelineRun pipelineRun;

    @Autowired
    Reconstruction reconstruction;

    @Autowired
    RunHistory runHistory;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    RunLock runLock;

    /** The last command line run. */
    private CliRun cli;

    /** The last job execution before the runs of {@link #makeRuns}, and the last of them. */
    private long before;
    private long made;
    private LoadOutcome load;
    private long loadExecution;
    private RunResult run;
    private ScopeJobLauncher.Outcome alone;
    private ScopeJobLauncher.Outcome aloneFailed;
    private RunResult failed;

    @BeforeAll
    void makeRuns() throws IOException {
        FileSystemUtils.deleteRecursively(SCOPES);
        FileSystemUtils.copyRecursively(ReferenceRun.DIR.resolve("scopes"), SCOPES);
        before = lastExecution();
        load = loader.load(ReferenceRun.DUMP.toString(), true);
        loadExecution = jdbc.queryForObject("SELECT job_execution_id FROM dump_load WHERE id = ?", Long.class, load.loadId());
        run = pipelineRun.run(new RunRequest(RunMode.RERECON, false, List.of("alp", "gam"), null, Duration.ZERO));
        alone = reconstruction.run("alp", false, null, Duration.ZERO);
        Files.writeString(GAM_RULES, "NoSuchRule,301,Broken,show,,\n", StandardOpenOption.APPEND);
        aloneFailed = reconstruction.run("gam", false, null, Duration.ZERO);
        failed = pipelineRun.run(new RunRequest(RunMode.RERECON, false, List.of("gam"), null, Duration.ZERO));
        made = lastExecution();
        assertThat(load.succeeded()).as(load.summary()).isTrue();
        assertThat(run.succeeded()).as(run.lines().toString()).isTrue();
        assertThat(alone.succeeded()).as(alone.message()).isTrue();
        assertThat(aloneFailed.succeeded()).isFalse();
        assertThat(failed.succeeded()).isFalse();
    }

    @Test
    void listsTheRunsNewestFirstWithTheirStagesDurationsOutcomesAndCounts() {
        List<PastRun> runs = madeHere(runHistory.history(null, 20).runs());

        // The jobs the runs launched for their stages are their stages, not runs of their own.
        assertThat(runs).extracting(PastRun::command).containsExactly(
                "run --mode rerecon --scope gam",
                "reconstruct --scope gam",
                "reconstruct --scope alp",
                "run --mode rerecon --scope alp --scope gam",
                "load --dump " + ReferenceRun.DUMP + " --force");
        assertThat(runs).extracting(PastRun::start).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(runs.get(0).id()).isEqualTo(failed.runId());
        assertThat(runs.get(3).id()).isEqualTo(run.runId());
        assertThat(runs.get(4).id()).isEqualTo(loadExecution);

        PastRun done = runs.get(3);
        assertThat(done.outcome()).isEqualTo(Outcome.DONE);
        assertThat(done.restartable()).isFalse();
        assertThat(done.stages()).extracting(Stage::title)
                .containsExactly("reconstruct alp", "report alp", "reconstruct gam", "report gam");
        assertThat(done.stages()).allSatisfy(stage -> {
            assertThat(stage.outcome()).isEqualTo(Outcome.DONE);
            assertThat(stage.took()).isPositive().isLessThanOrEqualTo(done.took());
        });
        // The same full reconstruction of alp, in the run and on its own, counts the same.
        assertThat(done.stages().get(0).counts()).isEqualTo(alone.counts())
                .containsOnlyKeys("tasks", "taskDays", "days");
        assertThat(done.stages().get(1).counts()).containsOnlyKeys("taskDays", "charts")
                .allSatisfy((name, count) -> assertThat(count).isPositive());

        Stage reconstructed = runs.get(2).stages().get(0);
        assertThat(reconstructed.title()).isEqualTo("reconstruct alp");
        assertThat(reconstructed.counts()).isEqualTo(alone.counts());
        assertThat(reconstructed.took()).isEqualTo(runs.get(2).took());

        // A job on its own that failed says why in the words of its error, without the stack trace it stored.
        PastRun notReconstructed = runs.get(1);
        assertThat(notReconstructed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(notReconstructed.restartable()).isFalse();
        assertThat(notReconstructed.stages()).singleElement().satisfies(stage -> {
            assertThat(stage.title()).isEqualTo("reconstruct gam");
            assertThat(stage.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(stage.note()).startsWith("scope gam cannot be used until these lines")
                    .contains("gam/recategorization.csv:10: unknown rule 'NoSuchRule'")
                    .doesNotContain("\n", "Exception", "at org.");
        });

        Stage loaded = runs.get(4).stages().get(0);
        assertThat(loaded.note()).isEqualTo("load #" + load.loadId());
        assertThat(loaded.counts()).containsEntry("tasks", count("maniphest_task"))
                .containsEntry("rows", jdbc.queryForObject("SELECT sum(value::bigint) FROM dump_load, "
                        + "jsonb_each_text(row_counts) WHERE id = ?", Long.class, load.loadId()));
    }

    @Test
    void aFailedRunSaysWhichStageFailedAndWhyAndHowToResumeItUntilItIsRestarted() throws IOException {
        PastRun failedRun = newest(runHistory.history("gam", 1).runs());
        assertThat(failedRun.id()).isEqualTo(failed.runId());
        assertThat(failedRun.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failedRun.restartable()).isTrue();
        // A scope whose reconstruction failed is not reported on.
        assertThat(failedRun.stages()).extracting(Stage::title, Stage::outcome)
                .containsExactly(tuple("reconstruct gam", Outcome.FAILED));
        assertThat(failedRun.stages().get(0).note()).contains("gam: the reconstruction failed", "unknown rule 'NoSuchRule'")
                .doesNotContain("\n");
        assertThat(history("--scope", "gam", "--limit", "1")).isZero();
        assertThat(cli.out()).containsPattern("#%d +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +\\d+\\.\\d s +failed +run --mode rerecon --scope gam\n"
                        .formatted(failed.runId()))
                .containsPattern(" +reconstruct gam +\\d+\\.\\d s +failed +gam: the reconstruction failed")
                .contains("`phlogiston restart " + failed.runId() + "` resumes it");

        Files.copy(ReferenceRun.DIR.resolve("scopes/gam/recategorization.csv"), GAM_RULES, StandardCopyOption.REPLACE_EXISTING);
        RunResult restart = pipelineRun.restart(failed.runId(), Duration.ZERO);
        assertThat(restart.succeeded()).as(restart.lines().toString()).isTrue();

        List<PastRun> runs = runHistory.history("gam", 2).runs();
        assertThat(runs).extracting(PastRun::id).containsExactly(restart.runId(), failed.runId());
        assertThat(runs.get(0).restartOf()).isEqualTo(failed.runId());
        assertThat(runs.get(0).outcome()).isEqualTo(Outcome.DONE);
        assertThat(runs.get(0).stages()).extracting(Stage::title).containsExactly("reconstruct gam", "report gam");
        assertThat(runs.get(1).restartedAs()).isEqualTo(restart.runId());
        assertThat(runs.get(1).restartable()).isFalse();
    }

    @Test
    void scopeKeepsTheRunsThatWorkedOnItAndLimitTheNewest() {
        List<PastRun> gam = runHistory.history("gam", 20).runs();
        assertThat(madeHere(gam)).extracting(PastRun::command).containsExactly("run --mode rerecon --scope gam",
                "reconstruct --scope gam", "run --mode rerecon --scope alp --scope gam");
        assertThat(gam).allSatisfy(past -> assertThat(past.command()).contains("--scope gam"));
        assertThat(madeHere(runHistory.history("alp", 20).runs())).extracting(PastRun::command)
                .containsExactly("reconstruct --scope alp", "run --mode rerecon --scope alp --scope gam");

        List<PastRun> all = runHistory.history(null, 20).runs();
        assertThat(runHistory.history(null, 2).runs()).extracting(PastRun::id)
                .containsExactly(all.get(0).id(), all.get(1).id());

        RunHistory.History alp = runHistory.history("alp", 20);
        assertThat(alp.trends()).extracting(RunHistory.Trend::stage).allMatch(stage -> stage.endsWith(" alp"))
                .contains("reconstruct alp");
        RunHistory.Trend reconstructions = alp.trends().stream()
                .filter(trend -> trend.stage().equals("reconstruct alp")).findFirst().orElseThrow();
        List<Duration> newestFirst = alp.runs().stream().flatMap(past -> past.stages().stream())
                .filter(stage -> stage.title().equals("reconstruct alp") && stage.outcome() == Outcome.DONE)
                .map(Stage::took).toList();
        assertThat(reconstructions.times()).isEqualTo(newestFirst.size()).isGreaterThanOrEqualTo(2);
        assertThat(reconstructions.newest()).isEqualTo(newestFirst.get(0));
        assertThat(reconstructions.oldest()).isEqualTo(newestFirst.get(newestFirst.size() - 1));
        assertThat(reconstructions.median()).isBetween(reconstructions.shortest(), reconstructions.longest());
        assertThat(reconstructions.shortest()).isEqualTo(newestFirst.stream().min(Comparator.naturalOrder()).orElseThrow());
        // The reconstruction on its own is the newest of alp.
        assertThat(reconstructions.measure()).isEqualTo("tasks");
        assertThat(reconstructions.newestMeasure()).isEqualTo(alone.counts().get("tasks"));
    }

    @Test
    void printsEachRunWithALinePerStageAndTheTrendOfTheirDurations() {
        // Of alp, the newest runs are the reconstruction on its own and the first run.
        assertThat(history("--scope", "alp", "--limit", "2")).as(cli.err()).isZero();
        String took = "\\d+\\.\\d s";
        String reconstructed = "%,d tasks, %,d task-days, %,d days".formatted(alone.counts().get("tasks"),
                alone.counts().get("taskDays"), alone.counts().get("days"));
        assertThat(cli.out()).startsWith("Runs on scope alp, newest first (times in UTC):\n")
                .containsPattern("#\\d+ +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +%s +done +reconstruct --scope alp\n {8}reconstruct alp +%s +done +%s\n"
                        .formatted(took, took, reconstructed))
                .containsPattern("#%d +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +%s +done +run --mode rerecon --scope alp --scope gam\n"
                        .formatted(run.runId(), took))
                .containsPattern(" {8}reconstruct alp +%s +done +%s\n".formatted(took, reconstructed))
                .containsPattern(" {8}report gam +%s +done +[\\d,]+ task-days, \\d+ charts\n".formatted(took))
                .containsPattern("Durations of the stages done in these runs:\n"
                        + " +reconstruct alp +2 times: median %s, %s to %s; oldest %s, newest %s; tasks %,d → %,d\n"
                        .formatted(took, took, took, took, took, alone.counts().get("tasks"), alone.counts().get("tasks")))
                .doesNotContain("restart");
    }

    @Test
    void aRunIsRunningWhileItsProcessHoldsItsLocksAndFailedOnceTheyAreGone() throws Exception {
        long id;
        // A run's process takes its locks, starts its job, and dies: its locks go, its job stays started.
        try (RunLock.Held locks = runLock.acquireForScope("hst", "a run that dies", Duration.ZERO)) {
            JobExecution execution = jobRepository.createJobExecution(PipelineRun.JOB_NAME, locks.recordedIn(
                    new JobParametersBuilder().addString("mode", "rerecon").addString("scopes", "hst")
                            .addString("load", "false").addLong("requested", System.currentTimeMillis())
                            .toJobParameters()));
            execution.setStartTime(LocalDateTime.now());
            execution.setStatus(BatchStatus.STARTED);
            jobRepository.update(execution);
            id = execution.getId();
            PastRun running = newest(runHistory.history("hst", 1).runs());
            assertThat(running.id()).isEqualTo(id);
            assertThat(running.outcome()).isEqualTo(Outcome.RUNNING);
            assertThat(running.took()).isNotNull();
            assertThat(running.restartable()).isFalse();
        }
        String gone = "killed or crashed: its process (pid %d on host %s) is gone"
                .formatted(ProcessHandle.current().pid(), InetAddress.getLocalHost().getHostName());
        PastRun killed = newest(runHistory.history("hst", 1).runs());
        assertThat(killed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(killed.reason()).isEqualTo(gone);
        assertThat(killed.took()).isNull();
        assertThat(killed.restartable()).isTrue();
        assertThat(jdbc.queryForObject("SELECT status || ' ' || exit_message FROM batch_job_execution WHERE job_execution_id = ?",
                String.class, id)).isEqualTo("FAILED " + gone);
        assertThat(history("--scope", "hst", "--limit", "1")).isZero();
        assertThat(cli.out()).containsPattern("#%d +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +- +failed +run --mode rerecon --scope hst\n"
                        .formatted(id))
                .contains("\n        " + gone + "\n", "`phlogiston restart " + id + "` resumes it");
    }

    @Test
    void anEmptyHistoryAndWrongOptionsAreToldPlainly() {
        // a scope name no run in this (shared, kept) database has used
        String unused = "z" + Long.toString(System.nanoTime() % 100_000);
        assertThat(history("--scope", unused)).as(cli.err()).isZero();
        assertThat(cli.out()).isEqualTo("No run has worked on scope " + unused + " yet.\n");
        assertThat(history("--limit", "0")).isEqualTo(64);
        assertThat(cli.err()).contains("phlogiston: --limit must be at least 1");
        assertThat(history("--scope", "../etc")).isEqualTo(64);
        assertThat(cli.err()).contains("'../etc' is not a scope name");
    }

    private int history(String... options) {
        cli = new CliRun();
        return cli.run(Stream.concat(Stream.of("history", "--data-dir", "target/test-data"), Stream.of(options))
                .toArray(String[]::new));
    }

    private List<PastRun> madeHere(List<PastRun> runs) {
        return runs.stream().filter(past -> past.id() > before && past.id() <= made).toList();
    }

    private static PastRun newest(List<PastRun> runs) {
        assertThat(runs).isNotEmpty();
        return runs.get(0);
    }

    private long lastExecution() {
        return jdbc.queryForObject("SELECT coalesce(max(job_execution_id), 0) FROM batch_job_execution", Long.class);
    }
}
