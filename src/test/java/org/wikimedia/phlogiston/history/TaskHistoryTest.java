package org.wikimedia.phlogiston.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.PhlogistonProperties;
import org.wikimedia.phlogiston.dump.DumpLoader;
import org.wikimedia.phlogiston.dump.LoadHistory;
import org.wikimedia.phlogiston.dump.TestDump;
import org.wikimedia.phlogiston.runcontrol.LockHeldException;
import org.wikimedia.phlogiston.runcontrol.RunLock;
import org.wikimedia.phlogiston.runcontrol.ScopeJobLauncher;
import org.wikimedia.phlogiston.scope.LoadedProjects;
import org.wikimedia.phlogiston.scope.ResolvedScope;
import org.wikimedia.phlogiston.scope.ScopeFiles;
import org.wikimedia.phlogiston.scope.ScopeResolver;

/**
 * Reconstruction on a hand-built dump whose answers are known, day by day ({@link HandBuiltHistory}). The scope "hist" (in
 * src/test/resources/history-scopes) has projects 1 then 2, start date 2019-01-01 and default points 7; the
 * dump's last change is on 2019-01-20, so the history runs from 2019-01-02 to 2019-01-21.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "phlogiston.scopes-dir=src/test/resources/history-scopes")
class TaskHistoryTest extends DatabaseTest {


    @Autowired
    DumpLoader loader;

    @Autowired
    Reconstruction reconstruction;

    @Autowired
    HistoryStore store;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    PhlogistonProperties properties;

    @Autowired
    ScopeFiles scopeFiles;

    @Autowired
    ScopeResolver resolver;

    @Autowired
    RunLock runLock;

    @Autowired
    LoadedProjects loadedProjects;

    @BeforeAll
    void loadAndReconstruct(@TempDir Path dir) throws IOException {
        TestDump dump = HandBuiltHistory.dump();
        jdbc.execute("TRUNCATE dump_load");
        assertThat(loader.load(dump.writeTo(dir.resolve("history.dump")).toString(), true).outcome())
                .isEqualTo(LoadHistory.Outcome.LOADED);
        ScopeJobLauncher.Outcome outcome = reconstruction.run("hist", false, null, Duration.ZERO);
        assertThat(outcome.succeeded()).as(outcome.message()).isTrue();
    }

    /** The row of task_on_date as "status | project | column | points | maint_type | category", or null. */
    private String row(String scope, int task, String day) {
        List<String> rows = jdbc.queryForList("""
                SELECT concat_ws(' | ', status, project, projectcolumn, points, maint_type, coalesce(category_title, '-'))
                  FROM task_on_date WHERE scope = ? AND id = ? AND date = ?::date""", String.class, scope, task, day);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private String row(int task, String day) {
        return row("hist", task, day);
    }

    @Test
    void statusChurnIncludingReopenAndStalled() {
        assertThat(row(101, "2019-01-02")).as("joined the project during the day").isNull();
        assertThat(row(101, "2019-01-03")).startsWith("open | Team");
        assertThat(row(101, "2019-01-05")).startsWith("open");
        assertThat(row(101, "2019-01-06")).startsWith("resolved");
        assertThat(row(101, "2019-01-08")).startsWith("open");
        assertThat(row(101, "2019-01-10")).startsWith("stalled");
    }

    @Test
    void beforeTheFirstStatusChangeTheStatusIsItsOldValue() {
        assertThat(row(102, "2019-01-02")).startsWith("stalled | Team");
        assertThat(row(102, "2019-01-10")).startsWith("stalled");
        assertThat(row(102, "2019-01-11")).startsWith("resolved");
    }

    @Test
    void projectsInBothEdgeFormatsAndColumnsOnTwoBoards() {
        assertThat(row(103, "2019-01-03")).isNull();
        assertThat(row(103, "2019-01-04")).isEqualTo("open | Team | Backlog | 1 |  | -");
        assertThat(row(103, "2019-01-05")).isEqualTo("open | Team | Doing | 1 |  | -");
        assertThat(row(103, "2019-01-07")).isEqualTo("open | Other | Todo | 1 |  | -");
        assertThat(row(103, "2019-01-08")).isEqualTo("open | Other | Todo | 1 |  | -");
        assertThat(row(103, "2019-01-09")).as("left every project of the scope").isNull();
    }

    @Test
    void pointsFromTransactionsThenInfoThenTheDefault() {
        assertThat(row(104, "2019-01-05")).isEqualTo("open | Team |  | 2 |  | -");
        assertThat(row(104, "2019-01-06")).isEqualTo("open | Team |  | 5 |  | -");
        assertThat(row(104, "2019-01-09")).as("the latest change is no integer: info points").isEqualTo("open | Team |  | 2 |  | -");
        assertThat(row(102, "2019-01-05")).as("no points anywhere: the scope's default").contains("| 7 |");
        assertThat(row(101, "2019-01-05")).contains("| 3 |");
    }

    @Test
    void priorityFromTheLatestChangeElseThePriorityAtLoad() {
        assertThat(jdbc.queryForList("SELECT DISTINCT priority FROM task_on_date WHERE scope = 'hist' AND id = 103", Integer.class))
                .as("no priority change: the priority at load").containsExactly(50);
    }

    @Test
    void theProjectIsTheFirstOfTheScopesInRuleOrder() {
        assertThat(row(105, "2019-01-02")).isEqualTo("open | Other |  | 7 | Maintenance | -");
        assertThat(row(105, "2019-01-04")).isEqualTo("open | Team |  | 7 | Maintenance | -");
    }

    @Test
    void maintTypeFollowsTheTagsOfTheDay() {
        assertThat(row(101, "2019-01-04")).contains("| 3 |  | -");
        assertThat(row(101, "2019-01-05")).contains("| 3 | New Functionality | -");
    }

    @Test
    void categoryTitlesComeFromTaggedAncestorsInIdOrder() {
        assertThat(row(106, "2019-01-05")).endsWith("| Big goal");
        assertThat(row(107, "2019-01-05")).endsWith("| Big goal Sub category");
        assertThat(row(108, "2019-01-05")).endsWith("| Big goal Sub category");
    }

    @Test
    void theStatusAtLoadHoldsFromTheTaskLastModificationOnly() {
        assertThat(row(109, "2019-01-12")).startsWith("open");
        assertThat(row(109, "2019-01-13")).startsWith("resolved");
        assertThat(row(109, "2019-01-21")).startsWith("resolved");
    }

    @Test
    void historyRunsFromTheDayAfterTheStartToTheDayAfterTheData() {
        assertThat(jdbc.queryForObject("SELECT min(date)::date || ' ' || max(date)::date FROM task_on_date WHERE scope = 'hist'",
                String.class)).isEqualTo("2019-01-02 2019-01-21");
    }

    @Test
    void aChainOfDailyIncrementalRunsEqualsOneFullRunAndRepeatingChangesNothing() {
        List<String> otherScope = intervals("hist");
        ResolvedScope twin = resolver.resolve(scopeFiles.read("twin"), loadedProjects.namesById());
        reconstructorAsOf("2019-01-03").reconstruct(twin, false, null);
        for (LocalDate day = LocalDate.parse("2019-01-04"); !day.isAfter(LocalDate.parse("2019-01-21")); day = day.plusDays(1)) {
            reconstructorAsOf(day.toString()).reconstruct(twin, true, null);
        }
        List<String> chain = intervals("twin");
        reconstructorAsOf("2019-01-21").reconstruct(twin, true, null);

        assertThat(intervals("twin")).as("the same run again changes nothing").isEqualTo(chain);
        assertThat(chain).isEqualTo(otherScope).isNotEmpty();
        assertThat(intervals("hist")).as("another scope's runs leave this one alone").isEqualTo(otherScope);
    }

    @Test
    void aScopeBeingWorkedOnIsRefusedNamingTheHolder() {
        List<String> before = intervals("hist");
        try (RunLock.Held held = runLock.acquireForScope("hist", "phlogiston reconstruct --scope hist", Duration.ZERO)) {
            assertThatThrownBy(() -> reconstruction.run("hist", false, null, Duration.ZERO))
                    .isInstanceOf(LockHeldException.class)
                    .hasMessageContaining("phlogiston reconstruct --scope hist").hasMessageContaining("pid");
            ScopeJobLauncher.Outcome otherScope = reconstruction.run("twin", true, null, Duration.ZERO);
            assertThat(otherScope.succeeded()).as("other scopes go on").isTrue();
        }
        assertThat(intervals("hist")).isEqualTo(before);
    }

    @Test
    void aFailedRunLeavesTheHistoryAsItWas() {
        List<String> before = intervals("hist");
        jdbc.execute("ALTER TABLE task_state_interval ADD CONSTRAINT refuse_new_rows CHECK (first_day < '2019-01-05') NOT VALID");
        try {
            ScopeJobLauncher.Outcome outcome = reconstruction.run("hist", false, null, Duration.ZERO);
            assertThat(outcome.succeeded()).isFalse();
            assertThat(outcome.message()).contains("the scope's history is as it was", "refuse_new_rows");
        } finally {
            jdbc.execute("ALTER TABLE task_state_interval DROP CONSTRAINT refuse_new_rows");
        }
        assertThat(intervals("hist")).isEqualTo(before);
    }

    private ScopeReconstructor reconstructorAsOf(String day) {
        Clock clock = Clock.fixed(LocalDate.parse(day).atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        return new ScopeReconstructor(store, transaction, properties, clock);
    }

    private List<String> intervals(String scope) {
        return jdbc.queryForList("""
                SELECT concat_ws(' ', id, first_day, last_day, status, project, projectcolumn, points, maint_type, priority, category_title)
                  FROM task_state_interval WHERE scope = ? ORDER BY id, first_day""", String.class, scope);
    }
}
