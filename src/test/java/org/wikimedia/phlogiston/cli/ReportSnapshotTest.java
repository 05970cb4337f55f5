package org.wikimedia.phlogiston.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.dump.DumpLoader;
import org.wikimedia.phlogiston.dump.LoadOutcome;
import org.wikimedia.phlogiston.history.HandBuiltHistory;
import org.wikimedia.phlogiston.history.Reconstruction;
import org.wikimedia.phlogiston.report.Reporting;
import org.wikimedia.phlogiston.run.PipelineRun;
import org.wikimedia.phlogiston.run.RunMode;
import org.wikimedia.phlogiston.run.RunPlanner;
import org.wikimedia.phlogiston.run.RunRequest;
import org.wikimedia.phlogiston.run.RunResult;
import org.wikimedia.phlogiston.runcontrol.ScopeJobLauncher;

/**
 * One snapshot per report, and each table written by its own stage: a history records the load it was built from;
 * a report on a history of an older load, or built with other rules than the scope's files say, is refused (by
 * {@code report} with exit code 1, by {@code run --mode reports} for that scope only, and shown so by a dry run)
 * naming what differs and the command that brings the history up to date, and changes nothing; the report never
 * writes the history's rules (table category) nor reads its storage table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"phlogiston.scopes-dir=target/report-snapshot-test/scopes",
        "phlogiston.output-dir=target/report-snapshot-test/reports"})
class ReportSnapshotTest extends DatabaseTest {

    private static final Path DIR = Path.of("target/report-snapshot-test");
    private static final Path SCOPES = DIR.resolve("scopes");
    private static final Path OUTPUT = DIR.resolve("reports");
    private static final Path RECAT_RULES = SCOPES.resolve("recat/recategorization.csv");

    /** Every table a report could change or read, and the history's; fingerprinted with each row's place and version. */
    private static final List<String> TABLES = List.of("category", "scope_history", "task_state_interval",
            "task_category_interval", "task_on_date_agg", "velocity", "maniphest_task", "dump_load");

    @Autowired
    DumpLoader loader;

    @Autowired
    Reconstruction reconstruction;

    @Autowired
    Reporting reporting;

    @Autowired
    PipelineRun pipelineRun;

    @Autowired
    RunPlanner planner;

    private Path dump;
    private String originalRules;

    @BeforeAll
    void copyTheScopesAndWriteTheDump() throws IOException {
        FileSystemUtils.deleteRecursively(DIR);
        FileSystemUtils.copyRecursively(Path.of("src/test/resources/history-scopes"), SCOPES);
        Files.createDirectories(OUTPUT);
        dump = HandBuiltHistory.dump().writeTo(Files.createTempFile("snapshot", ".dump"));
        originalRules = Files.readString(RECAT_RULES);
    }

    /** Each test starts from a fresh load and histories of it, with the scopes' files as given. */
    @BeforeEach
    void loadAndReconstruct() throws IOException {
        Files.writeString(RECAT_RULES, originalRules);
        jdbc.execute("TRUNCATE dump_load");
        load();
        for (String scope : List.of("recat", "hist")) {
            ScopeJobLauncher.Outcome outcome = reconstruction.run(scope, false, null, Duration.ZERO);
            assertThat(outcome.succeeded()).as(outcome.message()).isTrue();
        }
    }

    @Test
    void aHistoryRecordsTheLoadItWasBuiltFromAndAnIncrementalRunTheNewOne() {
        long first = currentLoad();
        assertThat(historyLoad("recat")).isEqualTo(first);
        long second = load();
        assertThat(second).isGreaterThan(first);
        assertThat(historyLoad("recat")).isEqualTo(first);
        assertThat(reconstruction.run("recat", true, null, Duration.ZERO).succeeded()).isTrue();
        assertThat(historyLoad("recat")).isEqualTo(second);
        assertThat(historyLoad("hist")).isEqualTo(first);
    }

    @Test
    void anIncrementalRunOnAHistoryReachingBeyondTheDataOfANewLoadRebuildsIt() {
        // As after loading an older dump: the stored days go on after the last day the data loaded now supports.
        jdbc.update("UPDATE scope_history SET last_day = '2019-02-01' WHERE scope = 'recat'");
        long second = load();
        ScopeJobLauncher.Outcome outcome = reconstruction.run("recat", true, null, Duration.ZERO);
        assertThat(outcome.succeeded()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).contains("recat: full reconstruction from 2019-01-02 to 2019-01-21");
        assertThat(historyLoad("recat")).isEqualTo(second);
        assertThat(jdbc.queryForObject("SELECT last_day FROM scope_history WHERE scope = 'recat'", String.class))
                .isEqualTo("2019-01-21");
        assertThat(reporting.run("recat", Duration.ZERO).succeeded()).isTrue();
    }

    @Test
    void aReportOnTheHistoryOfAnOlderLoadIsRefusedNamingBothLoadsAndTheCommandAndChangesNothing() throws IOException {
        assertThat(reporting.run("recat", Duration.ZERO).succeeded()).isTrue();
        long first = currentLoad();
        long second = load();
        Map<String, String> tables = tableFingerprints();
        Map<String, String> published = outputChecksums();
        String command = "`phlogiston run --mode incremental --load false --scope recat`";

        CliRun cli = new CliRun();
        int exitCode = cli.run("--data-dir", "target/test-data", "--scopes-dir", SCOPES.toString(),
                "--output-dir", OUTPUT.toString(), "--as-of", "2019-03-15", "report", "--scope", "recat");
        assertThat(exitCode).as(cli.out() + cli.err()).isEqualTo(1);
        assertThat(cli.out()).contains("recat: the report failed; the published one is as it was",
                "the history of recat was built from load #" + first + " (loaded ", "but the data loaded now is load #"
                        + second + " (loaded ", ", data until 2019-01-20 ", "a report would mix the two", command);
        assertThat(tableFingerprints()).isEqualTo(tables);
        assertThat(outputChecksums()).isEqualTo(published);

        RunResult incremental = pipelineRun.run(request(RunMode.INCREMENTAL, "recat"));
        assertThat(incremental.succeeded()).as(incremental.lines().toString()).isTrue();
        assertThat(incremental.lines()).anyMatch(line -> line.startsWith("recat: report published"));
        assertThat(historyLoad("recat")).isEqualTo(second);
    }

    @Test
    void runModeReportsFailsOnlyTheScopeWhoseHistoryIsOfAnOlderLoadAndADryRunSaysSo() {
        long second = load();
        assertThat(reconstruction.run("hist", true, null, Duration.ZERO).succeeded()).isTrue();
        RunRequest reports = request(RunMode.REPORTS, "recat", "hist");

        assertThat(planner.plan(reports)).contains(
                "hist: no reconstruction; the report reads the history as it is")
                .anyMatch(line -> line.startsWith("recat: the report would be refused: the history of recat was built "
                        + "from load #") && line.contains("the data loaded now is load #" + second)
                        && line.endsWith("`phlogiston run --mode incremental --load false --scope recat`; the run would "
                        + "fail this scope"));

        RunResult result = pipelineRun.run(reports);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.lines()).anyMatch(line -> line.startsWith("recat: the report failed; the published one is as "
                        + "it was. Reason: the history of recat was built from load #"))
                .anyMatch(line -> line.startsWith("hist: report published"))
                .anyMatch(line -> line.contains("1 of 2 stages failed"));
    }

    @Test
    void theReportNeverWritesTheHistorysRules() {
        String before = fingerprint("category");
        ScopeJobLauncher.Outcome outcome = reporting.run("recat", Duration.ZERO);
        assertThat(outcome.succeeded()).as(outcome.message()).isTrue();
        assertThat(fingerprint("category")).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM category WHERE scope = 'recat'", Integer.class)).isEqualTo(5);
    }

    @Test
    void aRuleEditIsRefusedByTheReportUntilTheHistoryIsRebuiltWithIt() throws IOException {
        Files.writeString(RECAT_RULES, originalRules.replace("ParentTask,Goal work,hide", "ParentTask,Goal work,show"));
        Map<String, String> tables = tableFingerprints();
        ScopeJobLauncher.Outcome refused = reporting.run("recat", Duration.ZERO);
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.message()).contains("the rules of recat (recategorization.csv, resolved against the loaded "
                        + "projects) are not those its history was built with: rule 3 (line 4) was ParentTask 1 'Big goal' "
                        + "-> 'Goal work', hide, is now ParentTask 1 'Big goal' -> 'Goal work', show",
                "`phlogiston run --mode rerecon --scope recat`");
        assertThat(tableFingerprints()).isEqualTo(tables);

        RunResult rerecon = pipelineRun.run(request(RunMode.RERECON, "recat"));
        assertThat(rerecon.succeeded()).as(rerecon.lines().toString()).isTrue();
        assertThat(jdbc.queryForObject("SELECT display FROM category WHERE scope = 'recat' AND title = 'Goal work'",
                String.class)).isEqualTo("show");
    }

    @Test
    void anIncrementalRunAfterTheRulesNameAnotherProjectRebuildsTheWholeHistory() throws IOException {
        Files.writeString(RECAT_RULES, originalRules + "ProjectByID,New work,show,1453,\n");
        RunResult plan = new RunResult(null, true, planner.plan(request(RunMode.INCREMENTAL, "recat")));
        assertThat(plan.lines()).anyMatch(line -> line.startsWith("recat: full reconstruction of ")
                && line.contains("(the projects its rules name have changed)"));
        ScopeJobLauncher.Outcome outcome = reconstruction.run("recat", true, null, Duration.ZERO);
        assertThat(outcome.succeeded()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).contains("recat: full reconstruction from 2019-01-02");
        assertThat(reporting.run("recat", Duration.ZERO).succeeded()).isTrue();
    }

    @Test
    void theReportStageReadsTheHistoryThroughItsViewsOnly() throws IOException {
        List<Path> reportSources = new ArrayList<>();
        for (Path dir : List.of(Path.of("sql/report"), Path.of("src/main/java/org/wikimedia/phlogiston/report"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                reportSources.addAll(files.filter(Files::isRegularFile).toList());
            }
        }
        assertThat(reportSources).hasSizeGreaterThan(20);
        for (Path source : reportSources) {
            assertThat(Files.readString(source)).as(source.toString()).doesNotContain("task_state_interval")
                    .doesNotContainPattern("(?i)(INSERT INTO|DELETE FROM|UPDATE) category\\b");
        }
    }

    private long load() {
        LoadOutcome outcome = loader.load(dump.toString(), true);
        assertThat(outcome.succeeded()).as(outcome.summary()).isTrue();
        return outcome.loadId();
    }

    private long currentLoad() {
        return jdbc.queryForObject("SELECT max(id) FROM dump_load WHERE outcome = 'loaded'", Long.class);
    }

    private Long historyLoad(String scope) {
        return jdbc.queryForObject("SELECT dump_load_id FROM scope_history WHERE scope = ?", Long.class, scope);
    }

    private static RunRequest request(RunMode mode, String... scopes) {
        return new RunRequest(mode, false, List.of(scopes), null, Duration.ZERO);
    }

    private Map<String, String> tableFingerprints() {
        Map<String, String> fingerprints = new TreeMap<>();
        TABLES.forEach(table -> fingerprints.put(table, fingerprint(table)));
        return fingerprints;
    }

    /** The table's rows with where each is stored and which transaction wrote it: a row written again differs. */
    private String fingerprint(String table) {
        return jdbc.queryForObject("SELECT md5(coalesce(string_agg(t.ctid::text || t.xmin::text || t::text, ',' ORDER BY "
                + "t.ctid), '')) FROM " + table + " t", String.class);
    }

    private static Map<String, String> outputChecksums() throws IOException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(OUTPUT)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                sums.put(OUTPUT.relativize(file).toString(), sha256(file));
            }
        }
        return sums;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
