package org.wikimedia.phlogiston.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikimedia.phlogiston.dump.TestDump.ids;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import org.wikimedia.phlogiston.DatabaseTest;

class DumpLoadTest extends DatabaseTest {

    private static final String NEW_FORMAT = "{\"edge:type\":41}";

    @Autowired
    DumpLoader loader;

    @Autowired
    LoadHistory history;

    @TempDir
    Path dir;

    @BeforeEach
    void startWithoutPreviousLoads() {
        jdbc.execute("TRUNCATE dump_load");
    }

    /** Ten tasks in three projects, with both edge formats and a board. */
    static TestDump tenTasks() {
        TestDump dump = new TestDump().project(1, "One").project(2, "Two").project(3, "Three")
                .column(11, "Backlog", 1).column(12, "Doing", 1);
        for (int id = 100; id < 110; id++) {
            dump.task(id, id % 2 == 0 ? "open" : "resolved", id % 3 == 0 ? "2" : null)
                    .edgeChange(1500000000 + id, 5000 + id, null, ids(1), NEW_FORMAT)
                    .edgeSet(1500100000 + id, ids(2), ids())
                    .status(1500000000 + id, null, "open")
                    .tag(2);
        }
        return dump;
    }

    @Test
    void bothEdgeFormatsGiveTheMembershipAtChosenInstants() throws IOException {
        TestDump dump = new TestDump().project(1, "One").project(2, "Two").project(3, "Three");
        dump.task(1, "open", null) // new format, including a null oldValue and metadata written with a space
                .edgeChange(1000, 10, null, ids(1, 2), NEW_FORMAT)
                .edgeChange(2000, 11, ids(1), ids(3), NEW_FORMAT)
                .edgeChange(3000, 12, ids(), ids(1), "{\"edge:type\": 41}")
                .edgeChange(3100, 13, ids(), ids(), "{\"edge:type\":3}");
        dump.task(2, "open", null) // old format: the whole edge map, subtask edges ignored, [] = empty
                .edgeSet(1000, ids(1), ids(1))
                .edgeSet(2000, ids(2, 3), ids(1))
                .edgeSet(3000, ids(), ids());
        dump.task(3, "open", null) // two changes in one second apply in transaction-id order, whatever the file order
                .edgeChange(1000, 21, ids(1), ids(2), NEW_FORMAT)
                .edgeChange(1000, 20, ids(), ids(1), NEW_FORMAT);
        assertThat(load(dump.writeTo(dir.resolve("edges.dump"))).outcome()).isEqualTo(LoadHistory.Outcome.LOADED);

        assertThat(projectsOf(1, 999)).isEmpty();
        assertThat(projectsOf(1, 1000)).containsExactly(1, 2);
        assertThat(projectsOf(1, 2500)).containsExactly(2, 3);
        assertThat(projectsOf(1, 3500)).containsExactly(1, 2, 3);
        assertThat(projectsOf(2, 1500)).containsExactly(1);
        assertThat(projectsOf(2, 2500)).containsExactly(2, 3);
        assertThat(projectsOf(2, 3500)).isEmpty();
        assertThat(projectsOf(3, 1000)).containsExactly(2);
        assertThat(jdbc.queryForList("SELECT edges::text FROM maniphest_edge_transaction WHERE task_id = 1 ORDER BY date_modified, transaction_id",
                String.class)).containsExactly("{1,2}", "{2,3}", "{2,3,1}", "{2,3,1}");
    }

    private List<Integer> projectsOf(int taskId, long epochSecond) {
        Timestamp at = Timestamp.from(Instant.ofEpochSecond(epochSecond));
        return jdbc.queryForList("SELECT project_id FROM task_project_interval WHERE task_id = ? AND valid_from <= ? "
                + "AND (valid_to IS NULL OR valid_to > ?) ORDER BY project_id", Integer.class, taskId, at, at);
    }

    static Stream<Arguments> damagedDumps() {
        String good = tenTasks().json();
        TestDump halfRejected = tenTasks();
        for (int id = 100; id < 110; id += 2) {
            halfRejected.rejectedTask(id);
        }
        return Stream.of(
                Arguments.of("cut off", good.substring(0, good.length() * 2 / 3), "document parsed to the end"),
                Arguments.of("not JSON", "PGDMP\u0001 this is a database dump, not JSON", "document parsed to the end"),
                Arguments.of("an array at the top", "[" + good + "]", "top-level shape"),
                Arguments.of("no project section", "{\"task\": {}}", "top-level shape"),
                Arguments.of("no projects in it", "{\"task\": {}, \"project\": {\"projects\": [], \"columns\": []}}", "projects present"),
                Arguments.of("half of the tasks rejected", halfRejected.json(), "task count"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedDumps")
    void aDamagedDumpLeavesThePreviousLoadIntact(String damage, String content, String check) throws IOException {
        LoadOutcome first = load(tenTasks().writeTo(dir.resolve("good.dump")));
        assertThat(first.outcome()).isEqualTo(LoadHistory.Outcome.LOADED);
        Map<String, String> before = liveTables();

        Path damaged = Files.writeString(dir.resolve("damaged.dump"), content);
        LoadOutcome outcome = load(damaged);

        assertThat(outcome.outcome()).isEqualTo(LoadHistory.Outcome.FAILED);
        assertThat(outcome.summary()).contains(check).contains("untouched");
        assertThat(liveTables()).isEqualTo(before);
        assertThat(history.current()).hasValueSatisfying(current -> assertThat(current.id()).isEqualTo(first.loadId()));
        assertThat(history.recent(1).get(0).message()).contains(check);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_namespace WHERE nspname = 'load_staging'", Integer.class))
                .as("what the failed load staged is dropped").isZero();
    }

    /** Row count and a checksum of the content of every published table. */
    private Map<String, String> liveTables() {
        Map<String, String> state = new LinkedHashMap<>();
        StagingArea.PUBLISHED_TABLES.forEach(table -> state.put(table, jdbc.queryForObject(
                "SELECT count(*) || ' rows, md5 ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM " + table + " t",
                String.class)));
        return state;
    }

    @Test
    void defectsAreCountedAndTheLoadGoesOn() throws IOException {
        TestDump dump = tenTasks().column(13, "Orphan", 99);
        dump.task(200, "open", "three").edgeChange(1000, 9001, null, ids(1), NEW_FORMAT)
                .transaction("core:edge", 9002, 1100, "[]", "{not json", NEW_FORMAT)
                .transaction("status", -1, 1200, "null", "\"open\"", "[]")
                .transaction("status", 9001, 1300, "null", "\"open\"", "[]")
                .filedUnder("reassign", "priority", 9003, 1300, "null", "90", "[]")
                .edgeChange(1400, 9004, null, ids(77), NEW_FORMAT)
                .subtask(4242);
        dump.task(201, "open", "three");
        String json = dump.json().replace("\"info\":[200,", "\"info\":[],\"ignored\":[200,");
        LoadOutcome outcome = load(Files.writeString(dir.resolve("defects.dump"), json));

        assertThat(outcome.outcome()).isEqualTo(LoadHistory.Outcome.LOADED);
        Map<String, Map<String, Object>> defects = history.current().orElseThrow().defects();
        assertThat(defects).containsOnlyKeys("empty_info", "bad_transaction_id", "duplicate_transaction_id",
                "transaction_type_mismatch", "malformed_value", "non_numeric_points", "orphan_column", "unknown_project", "unknown_subtask");
        assertThat(defects.get("empty_info")).containsEntry("count", 1).containsEntry("examples", List.of(200));
        assertThat(defects.get("orphan_column")).containsEntry("examples", List.of(13));
        assertThat(outcome.summary()).contains("unknown_subtask");
        assertThat(count("maniphest_task")).isEqualTo(12);
        assertThat(count("phabricator_column")).isEqualTo(2);
        assertThat(defects.get("transaction_type_mismatch")).containsEntry("count", 1).containsEntry("examples", List.of(200));
        // The misfiled priority change is used with its own type, as the original did (semantics L9).
        assertThat(jdbc.queryForList("SELECT id || ' ' || transaction_type FROM maniphest_transaction WHERE task_id = 200 ORDER BY id",
                String.class)).containsExactly("9001 core:edge", "9002 core:edge", "9003 priority", "9004 core:edge");
        // the recorded rows of each table (the COPYs' counts for the tables COPY alone fills) are its rows
        Map<String, Long> recorded = history.current().orElseThrow().rowCounts();
        assertThat(recorded).containsOnlyKeys(StagingArea.PUBLISHED_TABLES);
        StagingArea.PUBLISHED_TABLES.forEach(table -> assertThat(recorded.get(table)).as(table).isEqualTo(count(table)));
    }

    @Test
    void impossibleNumbersAndRepeatedTasksAreDefectsNotFailures() throws IOException {
        TestDump dump = tenTasks();
        dump.task(210, "open", null)
                .transaction("status", 9100, 1_700_000_000_000L, "null", "\"open\"", "[]") // milliseconds, not seconds
                .transaction("status", 9101, 1300, "null", "\"open\"", "[]");
        String json = dump.json()
                .replace("[9101,", "[123456789012345678901234567890,") // an id no long can hold
                .replace("\"210\":{", "\"100\":{\"info\":[100]},\"210\":{"); // task 100 a second time
        LoadOutcome outcome = load(Files.writeString(dir.resolve("numbers.dump"), json));

        assertThat(outcome.outcome()).isEqualTo(LoadHistory.Outcome.LOADED);
        assertThat(history.current().orElseThrow().defects()).containsKeys("malformed_transaction", "bad_transaction_id", "duplicate_task");
        assertThat(count("maniphest_task")).isEqualTo(11);
    }

    @Test
    void theSameFileAgainIsNoFresherDumpUnlessForced() throws IOException {
        Path file = tenTasks().writeTo(dir.resolve("same.dump"));
        assertThat(load(file).outcome()).isEqualTo(LoadHistory.Outcome.LOADED);

        LoadOutcome again = load(file);
        assertThat(again.outcome()).isEqualTo(LoadHistory.Outcome.UNCHANGED);
        assertThat(again.summary()).startsWith("No fresher dump");

        assertThat(loader.load(file.toString(), true).outcome()).isEqualTo(LoadHistory.Outcome.LOADED);
    }

    @Test
    void subtasksAndTagsAtDumpTimeArePublished() throws IOException {
        TestDump dump = tenTasks();
        dump.task(300, "open", null).subtask(100).subtask(101).tag(1).tag(3);
        load(dump.writeTo(dir.resolve("graph.dump")));
        assertThat(jdbc.queryForList("SELECT blocked_date || ' ' || parent_id || '>' || child_id FROM maniphest_blocked ORDER BY child_id",
                String.class)).containsExactly("2019-03-15 300>100", "2019-03-15 300>101");
        assertThat(jdbc.queryForList("SELECT project_id FROM maniphest_task_tag WHERE task_id = 300 ORDER BY 1", Integer.class))
                .containsExactly(1, 3);
    }

    @Test
    void textIsStoredExactlyWhateverItHolds() throws IOException {
        String title = "Tabs\tnew\nlines\r\n back\\slash \\N \"quotes\" {braces} émigré 日本語 🚀 NUL\u0000gone";
        TestDump dump = tenTasks();
        dump.task(400, "open", null).title(title).edgeChange(1000, 9400, null, ids(1), NEW_FORMAT);
        load(dump.writeTo(dir.resolve("text.dump")));
        assertThat(jdbc.queryForObject("SELECT title FROM maniphest_task WHERE id = 400", String.class))
                .isEqualTo(title.replace("\u0000", ""));
        assertThat(jdbc.queryForObject("SELECT date_modified FROM maniphest_transaction WHERE id = 9400", Timestamp.class))
                .isEqualTo(Timestamp.from(Instant.ofEpochSecond(1000)));
    }

    private LoadOutcome load(Path file) {
        return loader.load(file.toString(), false);
    }
}
