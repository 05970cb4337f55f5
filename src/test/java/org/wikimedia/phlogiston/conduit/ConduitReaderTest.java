package org.wikimedia.phlogiston.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.wikimedia.phlogiston.benchmark.conduit.RecordingSink;
import org.wikimedia.phlogiston.benchmark.conduit.TestConduitServer;
import org.wikimedia.phlogiston.dump.DefectLog;
import org.wikimedia.phlogiston.dump.DumpParser;
import org.wikimedia.phlogiston.dump.DumpRows.ColumnRow;
import org.wikimedia.phlogiston.dump.DumpRows.EdgeTransaction;
import org.wikimedia.phlogiston.dump.DumpRows.MembershipInterval;
import org.wikimedia.phlogiston.dump.DumpRows.ProjectRow;
import org.wikimedia.phlogiston.dump.DumpRows.TaskEdge;
import org.wikimedia.phlogiston.dump.DumpRows.TaskRow;
import org.wikimedia.phlogiston.dump.DumpRows.TransactionRow;

/**
 * A project with two columns and two tasks served in Phorge's shapes, an old-format edge row among the transactions
 * (untyped in transaction.search, stored in maniphest.gettasktransactions), read into exactly the rows the dump parser gives.
 */
class ConduitReaderTest {

    private static final String TOKEN = "api-r3aderr3aderr3aderr3aderr3ad";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOARD = "PHID-PROJ-board";
    private static final String OTHER = "PHID-PROJ-other";
    private static final String DOING = "PHID-PCOL-doing";
    private static final String TASK_1 = "PHID-TASK-one";
    private static final String TASK_2 = "PHID-TASK-two";
    private static final String ALICE = "PHID-USER-alice";
    private static final String BOB = "PHID-USER-bob";
    private static final String MOVES = "[{\"columnPHID\":\"" + DOING + "\",\"boardPHID\":\"" + BOARD + "\",\"fromColumnPHIDs\":{}}]";
    /** An old-format core:edge value: the task's whole edge map. */
    private static final String EDGE_MAP = "{\"" + BOARD + "\":{\"src\":\"" + TASK_1 + "\",\"type\":41,\"dst\":\"" + BOARD + "\"}}";
    private static final long T0 = 1_600_000_000L;

    private final FakeTime time = new FakeTime();
    private TestConduitServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new TestConduitServer(TOKEN);
        server.serveSearch("project.search", List.of(Map.of("id", 7, "type", "PROJ", "phid", BOARD, "fields", Map.of(
                "name", "Team Board", "icon", Map.of("key", "project", "name", "Project", "icon", "fa-briefcase"),
                "color", Map.of("key", "blue", "name", "Blue"), "dateCreated", T0, "dateModified", T0 + 5))));
        server.serveSearch("project.column.search", List.of(
                column(70, DOING, "Doing", false, 1),
                column(71, "PHID-PCOL-backlog", "Backlog", true, 0)));
        server.serveSearch("maniphest.search", List.of(
                task(1, TASK_1, "First <task>", "open", 100, 3.0, List.of(OTHER)),
                task(2, TASK_2, "Second task", "resolved", 50, null, List.of(BOARD))));
        server.serveSearch("edge.search", params -> params.path("sourcePHIDs").toString().contains(TASK_1)
                ? List.of(edge(TASK_1, TASK_2)) : List.of());
        Map<String, List<Map<String, Object>>> transactions = Map.of(
                TASK_1, List.of(
                        untyped(100, TASK_1, T0 + 5),
                        transaction(101, TASK_1, "status", T0 + 10, oldNew(null, "open")),
                        transaction(102, TASK_1, "projects", T0 + 10, Map.of("operations", List.of(Map.of("operation", "add", "phid", BOARD)))),
                        transaction(103, TASK_1, "core:columns", T0 + 20, oldNew(null, JSON.readTree(MOVES))),
                        transaction(104, TASK_1, "comment", T0 + 25, Map.of()),
                        transaction(105, TASK_1, "priority", T0 + 30, oldNew(Map.of("value", 90, "name", "High"),
                                Map.of("value", 100, "name", "Unbreak Now!"))),
                        transaction(106, TASK_1, "points", T0 + 30, oldNew(null, 3.0)),
                        transaction(107, TASK_1, "owner", T0 + 40, oldNew(null, BOB)),
                        transaction(108, TASK_1, "projects", T0 + 50, Map.of("operations", List.of(
                                Map.of("operation", "add", "phid", OTHER), Map.of("operation", "remove", "phid", BOARD))))),
                TASK_2, List.of(
                        transaction(201, TASK_2, "projects", T0 + 60, Map.of("operations", List.of(Map.of("operation", "add", "phid", BOARD)))),
                        transaction(202, TASK_2, "status", T0 + 70, oldNew("open", "resolved"))));
        server.serveSearch("transaction.search", params -> transactions.get(params.path("objectIdentifier").asText()));
        // Every transaction of the task with its stored values; only the edge row that transaction.search left untyped is taken.
        List<Map<String, Object>> stored = List.of(
                stored(101, "status", null, "open", List.of(), T0 + 10),
                stored(100, "core:edge", List.of(), JSON.readTree(EDGE_MAP), List.of(), T0 + 5));
        server.answer("maniphest.gettasktransactions", params -> Map.of("1", stored));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void readsEveryRowAsTheDumpParserWouldHandItOver() throws IOException {
        RecordingSink sink = new RecordingSink();
        DefectLog defects = new DefectLog(5);

        DumpParser.Summary summary = ReadThroughConduit.readAll(reader(2), defects, sink);

        Instant t0 = Instant.ofEpochSecond(T0);
        assertThat(sink.rows).containsExactly(
                new ProjectRow(7, "Team Board", BOARD, t0, t0.plusSeconds(5), "project", "blue"),
                new ColumnRow(70, DOING, "Doing", 0, 1, BOARD, t0.plusSeconds(1), t0.plusSeconds(2)),
                new ColumnRow(71, "PHID-PCOL-backlog", "Backlog", 1, 0, BOARD, t0.plusSeconds(1), t0.plusSeconds(2)),
                row(101, TASK_1, "status", null, "\"open\"", null, T0 + 10),
                row(103, TASK_1, "core:columns", null, MOVES, null, T0 + 20),
                row(105, TASK_1, "priority", "90", "100", null, T0 + 30),
                row(106, TASK_1, "points", null, "3.0", null, T0 + 30),
                row(107, TASK_1, "reassign", null, "\"" + BOB + "\"", null, T0 + 40),
                new TaskEdge(1, 41, OTHER),
                new TaskEdge(1, 3, TASK_2),
                new TaskRow(1, TASK_1, "First <task>", "3", "open", t0.plusSeconds(50), 100, t0, ALICE, BOB, 3),
                new EdgeTransaction(row(100, TASK_1, "core:edge", "[]", EDGE_MAP, "[]", T0 + 5), List.of(BOARD)),
                new EdgeTransaction(row(102, TASK_1, "core:edge", "[]", "[\"" + BOARD + "\"]", "{\"edge:type\":41}", T0 + 10), List.of(BOARD)),
                new MembershipInterval(1, BOARD, t0.plusSeconds(5), t0.plusSeconds(50)),
                new EdgeTransaction(row(108, TASK_1, "core:edge", "[\"" + BOARD + "\"]", "[\"" + OTHER + "\"]", "{\"edge:type\":41}", T0 + 50),
                        List.of(OTHER)),
                new MembershipInterval(1, OTHER, t0.plusSeconds(50), null),
                row(202, TASK_2, "status", "\"open\"", "\"resolved\"", null, T0 + 70),
                new TaskEdge(2, 41, BOARD),
                new TaskRow(2, TASK_2, "Second task", null, "resolved", t0.plusSeconds(50), 50, t0, ALICE, BOB, null),
                new EdgeTransaction(row(201, TASK_2, "core:edge", "[]", "[\"" + BOARD + "\"]", "{\"edge:type\":41}", T0 + 60), List.of(BOARD)),
                new MembershipInterval(2, BOARD, t0.plusSeconds(60), null));
        assertThat(summary).isEqualTo(new DumpParser.Summary(2, 10, t0.plusSeconds(70)));
        assertThat(defects.total()).isZero();
    }

    @Test
    void asksForTasksByIdWithTheirProjectsAndEveryPageOfTransactions() throws IOException {
        RecordingSink onePerPage = new RecordingSink();
        ReadThroughConduit.readAll(reader(1), new DefectLog(5), onePerPage);

        assertThat(server.requests()).extracting(request -> request.method() + " " + request.params().path("after").asText("-"))
                .containsExactly(
                        "project.search -", "project.column.search -", "project.column.search 70",
                        "maniphest.search -", "edge.search -",
                        "transaction.search -", "transaction.search 100", "transaction.search 101", "transaction.search 102",
                        "transaction.search 103", "transaction.search 104", "transaction.search 105", "transaction.search 106",
                        "transaction.search 107", "maniphest.gettasktransactions -",
                        "maniphest.search 1", "edge.search -", "transaction.search -", "transaction.search 201");
        JsonNode taskQuery = server.requests().get(3).params();
        assertThat(taskQuery.path("order").asText()).isEqualTo("oldest");
        assertThat(taskQuery.at("/attachments/projects").asBoolean()).isTrue();
        assertThat(taskQuery.at("/attachments/columns").asBoolean()).isTrue();
        assertThat(taskQuery.has("constraints")).isFalse();
        assertThat(server.requests().get(4).params().at("/types/0").asText()).isEqualTo("task.subtask");
        assertThat(server.requests().get(4).params().path("sourcePHIDs")).extracting(JsonNode::asText).containsExactly(TASK_1);
        assertThat(server.requests().get(5).params().path("objectIdentifier").asText()).isEqualTo(TASK_1);
        assertThat(server.requests().get(14).params().path("ids")).extracting(JsonNode::asInt).containsExactly(1);
        assertThat(server.requests().get(17).params().path("objectIdentifier").asText()).isEqualTo(TASK_2);

        RecordingSink twoPerPage = new RecordingSink();
        ReadThroughConduit.readAll(reader(2), new DefectLog(5), twoPerPage);
        assertThat(onePerPage.rows).isEqualTo(twoPerPage.rows);
    }

    @Test
    void anUntypedTransactionThatGetTaskTransactionsDoesNotHaveIsLeftOut() throws IOException {
        // PHP's empty array: none of the tasks asked for has a transaction the token can see.
        server.answer("maniphest.gettasktransactions", params -> List.of());
        RecordingSink sink = new RecordingSink();

        ReadThroughConduit.readAll(reader(2), new DefectLog(5), sink);

        assertThat(sink.of(EdgeTransaction.class)).extracting(edge -> edge.row().id()).containsExactly(102L, 108L, 201L);
        assertThat(sink.of(MembershipInterval.class)).first()
                .isEqualTo(new MembershipInterval(1, BOARD, Instant.ofEpochSecond(T0 + 10), Instant.ofEpochSecond(T0 + 50)));
    }

    private ConduitReader reader(int pageSize) {
        return new ConduitReader(server.client(TOKEN, time), JSON, pageSize);
    }

    private static TransactionRow row(long id, String task, String type, String oldValue, String newValue, String metadata, long at) {
        Instant when = Instant.ofEpochSecond(at);
        return new TransactionRow(id, "PHID-XACT-TASK-" + id, TASK_1.equals(task) ? 1 : 2, ALICE, task, type, oldValue, newValue,
                metadata, when, when);
    }

    private static Map<String, Object> column(int id, String phid, String name, boolean hidden, int sequence) {
        return Map.of("id", id, "type", "PCOL", "phid", phid, "fields", Map.of("name", name, "proxyPHID", "",
                "project", Map.of("id", 7, "phid", BOARD, "name", "Team Board"), "isHidden", hidden,
                "isDefaultColumn", hidden, "sequence", sequence, "dateCreated", T0 + 1, "dateModified", T0 + 2));
    }

    private static Map<String, Object> task(int id, String phid, String title, String status, int priority, Number points,
                                            List<String> projects) {
        Map<String, Object> fields = new HashMap<>(Map.of("name", title, "description", Map.of("raw", ""),
                "authorPHID", ALICE, "ownerPHID", BOB, "status", Map.of("value", status, "name", status, "color", "green"),
                "priority", Map.of("value", priority, "subpriority", 0.0, "name", "p" + priority, "color", "red"),
                "subtype", "default", "dateCreated", T0, "dateModified", T0 + 50));
        fields.put("points", points);
        return Map.of("id", id, "type", "TASK", "phid", phid, "fields", fields,
                "attachments", Map.of("projects", Map.of("projectPHIDs", projects)));
    }

    private static Map<String, Object> edge(String source, String destination) {
        return Map.of("sourcePHID", source, "edgeType", "task.subtask", "destinationPHID", destination);
    }

    /** A transaction of no type in transaction.search's answer, as Phorge gives an old-format edge row. */
    private static Map<String, Object> untyped(long id, String task, long at) {
        Map<String, Object> transaction = new HashMap<>(transaction(id, task, "-", at, Map.of()));
        transaction.put("type", null);
        return transaction;
    }

    /** A transaction in maniphest.gettasktransactions' answer, with its stored values. */
    private static Map<String, Object> stored(long id, String type, Object oldValue, Object newValue, Object meta, long at) {
        Map<String, Object> transaction = new HashMap<>(Map.of("taskID", 1, "title", "", "transactionID", id,
                "transactionPHID", "PHID-XACT-TASK-" + id, "transactionType", type, "meta", meta,
                "authorPHID", ALICE, "dateCreated", at));
        transaction.put("oldValue", oldValue);
        transaction.put("newValue", newValue);
        transaction.put("comments", null);
        return transaction;
    }

    private static Map<String, Object> oldNew(Object oldValue, Object newValue) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("old", oldValue);
        fields.put("new", newValue);
        return fields;
    }

    private static Map<String, Object> transaction(long id, String task, String type, long at, Map<String, ?> fields) {
        return Map.of("id", id, "phid", "PHID-XACT-TASK-" + id, "type", type, "authorPHID", ALICE, "objectPHID", task,
                "dateCreated", at, "dateModified", at, "groupID", "", "comments", List.of(), "fields", fields);
    }
}
