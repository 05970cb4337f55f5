package org.wikimedia.phlogiston.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.reset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.util.FileSystemUtils;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.ReferenceRun;
import org.wikimedia.phlogiston.StoredChecksums;
import org.wikimedia.phlogiston.dump.DumpLoader;
import org.wikimedia.phlogiston.report.ChartRenderer;
import org.wikimedia.phlogiston.run.PipelineRun;
import org.wikimedia.phlogiston.run.RunMode;
import org.wikimedia.phlogiston.run.RunRequest;
import org.wikimedia.phlogiston.run.RunResult;

/**
 * A report that failed as a stage of {@code phlogiston run} goes on, when the run is restarted, from the step that
 * failed: the restart is made by {@code phlogiston restart} in an application of its own, which shares no memory with
 * the one that failed, only the database, the job repository and the files. It publishes what a report made in one go
 * publishes, and refuses (deleting its draft) when the scope's files or its history changed in between.
 *
 * <p>The failure is real: while the charts step starts, a file takes the place of the draft's folder (the draft's
 * name is only known once the run has made it, hence the spy, which only moves things and then draws as usual).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"phlogiston.scopes-dir=" + ReportRestartTest.SCOPES,
        "phlogiston.output-dir=" + ReportRestartTest.OUTPUT})
class ReportRestartTest extends DatabaseTest {

    static final String SCOPES = "target/report-restart/scopes";
    static final String OUTPUT = "target/report-restart/output";
    private static final String SCOPE = "gam";
    private static final List<String> STEPS_BEFORE_CHARTS =
            List.of("recategorize", "aggregate", "velocity", "lists", "data");

    @Autowired
    DumpLoader loader;

    @Autowired
    PipelineRun pipelineRun;

    @MockitoSpyBean
    ChartRenderer charts;

    private CliRun cli;

    @BeforeAll
    void loadTheReferenceDumpAndReportOnce() throws IOException {
        FileSystemUtils.deleteRecursively(Path.of(SCOPES).getParent());
        FileSystemUtils.copyRecursively(ReferenceRun.DIR.resolve("scopes"), Path.of(SCOPES));
        jdbc.execute("TRUNCATE dump_load");
        loader.load(ReferenceRun.DUMP.toString(), true);
        assertThat(phlogiston("run", "--mode", "rerecon", "--scope", SCOPE)).as(cli.err()).isZero();
    }

    @Test
    void aRestartDrawsTheChartsThatFailedAndPublishesWhatAReportInOneGoPublishes() throws IOException {
        long runId = runWhoseChartsFail();

        assertThat(phlogiston("restart", Long.toString(runId))).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains(SCOPE + ": report published", "1 stages done");
        Map<String, Long> expected = new TreeMap<>(Map.of("charts", 2L, "pages", 1L, "publish", 1L));
        STEPS_BEFORE_CHARTS.forEach(step -> expected.put(step, 1L));
        assertThat(reportStepRunsOf(runId)).isEqualTo(expected);
        Path restarted = versionFolder(currentVersion());

        assertThat(phlogiston("report", "--scope", SCOPE)).as(cli.err()).isZero();
        Path inOneGo = versionFolder(currentVersion());
        assertThat(inOneGo).isNotEqualTo(restarted);
        assertThat(rowsOfDataFiles(restarted)).hasSize(34).isEqualTo(rowsOfDataFiles(inOneGo));
        assertThat(pagesAndCharts(restarted)).containsKeys("index.html", "burnup_points.png", "flow_cfd.png")
                .isEqualTo(pagesAndCharts(inOneGo));
        assertThat(restarted.resolve(".steps")).doesNotExist();
        assertThat(drafts()).isEmpty();
    }

    @Test
    void aRestartAfterTheHistoryWasReconstructedRefusesAndAsksForANewReport() throws IOException {
        String published = currentVersion();
        long runId = runWhoseChartsFail();
        assertThat(phlogiston("reconstruct", "--scope", SCOPE, "--incremental")).as(cli.err()).isZero();

        assertThat(phlogiston("restart", Long.toString(runId))).isEqualTo(1);
        assertThat(cli.out()).contains("this report of gam cannot go on from the step that failed: the history of gam "
                + "has been reconstructed since it began. Make a new report instead: `phlogiston report --scope gam`");
        assertRefused(runId, published);
    }

    @Test
    void aRestartAfterTheScopesFilesChangedRefusesAndAsksForANewReport() throws IOException {
        String published = currentVersion();
        long runId = runWhoseChartsFail();
        Path settings = Path.of(SCOPES, SCOPE, "scope.ini");
        String before = Files.readString(settings);
        Files.writeString(settings, before.replace("scope_title = Gamma Platform", "scope_title = Gamma"));
        try {
            assertThat(phlogiston("restart", Long.toString(runId))).isEqualTo(1);
        } finally {
            Files.writeString(settings, before);
        }
        assertThat(cli.out()).contains("this report of gam cannot go on from the step that failed: the files of scope "
                + "gam in ", " have changed since it began. Make a new report instead");
        assertRefused(runId, published);
    }

    @Test
    void aRunWhoseProcessDiedAfterItsReportWasPublishedFinishesWithoutReportingAgain() {
        assertThat(phlogiston("run", "--mode", "reports", "--scope", SCOPE)).as(cli.err()).isZero();
        long runId = jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution e JOIN batch_job_instance i "
                + "USING (job_instance_id) WHERE i.job_name = 'run'", Long.class);
        String published = currentVersion();
        // what the job repository holds when the process died between the report's end and the stage's
        jdbc.update("UPDATE batch_step_execution SET status = 'FAILED' WHERE job_execution_id = ?", runId);
        jdbc.update("UPDATE batch_job_execution SET status = 'FAILED' WHERE job_execution_id = ?", runId);

        assertThat(phlogiston("restart", Long.toString(runId))).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains(SCOPE + ": report published", "(by the run's earlier execution)");
        Map<String, Long> once = new TreeMap<>(Map.of("charts", 1L, "pages", 1L, "publish", 1L));
        STEPS_BEFORE_CHARTS.forEach(step -> once.put(step, 1L));
        assertThat(reportStepRunsOf(runId)).isEqualTo(once);
        assertThat(currentVersion()).isEqualTo(published);
    }

    /** The refused restart ran the charts step once more, published nothing and deleted the draft; a new report works. */
    private void assertRefused(long runId, String published) {
        Map<String, Long> expected = new TreeMap<>(Map.of("charts", 2L));
        STEPS_BEFORE_CHARTS.forEach(step -> expected.put(step, 1L));
        assertThat(reportStepRunsOf(runId)).isEqualTo(expected);
        assertThat(currentVersion()).isEqualTo(published);
        assertThat(drafts()).isEmpty();
        assertThat(phlogiston("report", "--scope", SCOPE)).as(cli.err()).isZero();
    }

    /**
     * A {@code phlogiston run --mode reports} of the scope in this application whose charts step fails: a file is
     * where the draft's folder should be. Puts the folder back, and returns the run's id.
     */
    private long runWhoseChartsFail() throws IOException {
        AtomicReference<Path> draft = new AtomicReference<>();
        doAnswer(drawing -> {
            Path folder = drawing.getArgument(1);
            draft.set(folder);
            Files.move(folder, aside(folder));
            Files.writeString(folder, "a file where the draft's folder should be");
            return drawing.callRealMethod();
        }).when(charts).render(any(), any());
        RunResult result;
        try {
            result = pipelineRun.run(new RunRequest(RunMode.REPORTS, false, List.of(SCOPE), null, Duration.ZERO));
        } finally {
            reset(charts);
        }
        assertThat(result.succeeded()).as(String.join("\n", result.lines())).isFalse();
        assertThat(String.join("\n", result.lines())).contains(draft.get().getFileName().toString());
        Files.delete(draft.get());
        Files.move(aside(draft.get()), draft.get());
        assertThat(drafts()).as("a failed stage of a run keeps its draft").containsExactly(draft.get().getFileName().toString());
        return result.runId();
    }

    /**
     * Each data file's rows, sorted: the order of rows that tie on a file's ORDER BY (tranche_velocity.csv's week
     * and projection rows of a date) may differ from one report to the next.
     */
    private static Map<String, List<String>> rowsOfDataFiles(Path version) throws IOException {
        Map<String, List<String>> rows = new TreeMap<>();
        try (Stream<Path> files = Files.list(version.resolve("data"))) {
            for (Path file : files.toList()) {
                rows.put(file.getFileName().toString(), Files.readAllLines(file).stream().sorted().toList());
            }
        }
        return rows;
    }

    /** The checksums of the version's files but its data files. */
    private static Map<String, String> pagesAndCharts(Path version) {
        Map<String, String> files = StoredChecksums.ofFolder(version);
        files.keySet().removeIf(name -> name.equals("data") || name.startsWith("data/"));
        return files;
    }

    private static Path aside(Path folder) {
        return folder.resolveSibling(folder.getFileName() + ".aside");
    }

    private int phlogiston(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", DATA_DIR, "--scopes-dir", SCOPES,
                "--output-dir", OUTPUT, "--as-of", "2019-03-15"));
        all.addAll(List.of(args));
        cli = new CliRun();
        return cli.run(all.toArray(String[]::new));
    }

    /** How often each step of the report that run {@code runId} made of the scope ran, over all its executions. */
    private Map<String, Long> reportStepRunsOf(long runId) {
        Map<String, Long> runs = new TreeMap<>();
        jdbc.query("""
                SELECT s.step_name, count(*)
                  FROM batch_step_execution s
                  JOIN batch_job_execution e USING (job_execution_id)
                  JOIN batch_job_instance i USING (job_instance_id)
                 WHERE i.job_name = 'reportScope'
                   AND e.job_execution_id IN (
                       SELECT p.job_execution_id FROM batch_job_execution_params p
                        WHERE p.parameter_name = 'run'
                          AND p.parameter_value = (SELECT CAST(job_instance_id AS text) FROM batch_job_execution
                                                    WHERE job_execution_id = ?))
                 GROUP BY s.step_name""", rs -> {
                runs.put(rs.getString(1), rs.getLong(2));
            }, runId);
        return runs;
    }

    private static String currentVersion() {
        try {
            return Files.readSymbolicLink(Path.of(OUTPUT, SCOPE)).getFileName().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path versionFolder(String version) {
        return Path.of(OUTPUT, ".versions", SCOPE, version);
    }

    private static List<String> drafts() {
        try (Stream<Path> entries = Files.list(Path.of(OUTPUT, ".versions", SCOPE))) {
            return entries.map(entry -> entry.getFileName().toString()).filter(name -> name.startsWith(".draft-"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
