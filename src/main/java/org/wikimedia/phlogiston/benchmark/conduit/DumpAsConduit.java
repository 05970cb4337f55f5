package org.wikimedia.phlogiston.benchmark.conduit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.wikimedia.phlogiston.dump.DefectLog;
import org.wikimedia.phlogiston.dump.DumpParser;
import org.wikimedia.phlogiston.dump.DumpRows.ColumnRow;
import org.wikimedia.phlogiston.dump.DumpRows.EdgeTransaction;
import org.wikimedia.phlogiston.dump.DumpRows.ProjectRow;
import org.wikimedia.phlogiston.dump.DumpRows.TaskEdge;
import org.wikimedia.phlogiston.dump.DumpRows.TaskRow;
import org.wikimedia.phlogiston.dump.DumpRows.TransactionRow;
import org.wikimedia.phlogiston.dump.DumpSink;

/**
 * The content of a dump served as a Phorge install holding the same data answers through Conduit: each
 * transaction in its {@code transaction.search} shape (phorgeit/phorge,
 * src/applications/transactions/conduit/TransactionSearchConduitAPIMethod.php), newest first, and in
 * {@code maniphest.gettasktransactions}' (ManiphestGetTaskTransactionsConduitAPIMethod.php) with its stored values.
 * As in Phorge, a core:edge row whose metadata names no edge type 41 (the old whole-map format, subtask edges) has
 * type null and no fields in transaction.search, and so do the types the dump does not carry; reassign is served
 * as {@code owner}, title as {@code title}. Values are served as they are stored: the dump's {@code 3} points
 * as 3, its {@code 2.0} as 2.0. A row with a value the dump has damaged (not JSON) is served by neither method, and
 * it is named in {@link #damagedTransactions()}.
 */
public final class DumpAsConduit {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The edge type of "tagged with a project", in the dump's task edges and in edge transactions' metadata. */
    static final int PROJECT_EDGE = 41;

    private final RecordingSink dump;
    private final Set<Long> damagedTransactions = new HashSet<>();
    private final Set<Integer> oldEdgeFormatTasks = new HashSet<>();

    public DumpAsConduit(byte[] dumpFile) throws IOException {
        this(parse(new ByteArrayInputStream(dumpFile), new RecordingSink()));
    }

    /** An install holding the rows the dump parser handed over, e.g. only those of some tasks (see {@link ChangedTasks}). */
    public DumpAsConduit(RecordingSink dumpRows) {
        dump = dumpRows;
    }

    /** Hands {@code sink} the rows of the dump read from {@code dumpFile}. */
    public static <T extends DumpSink> T parse(InputStream dumpFile, T sink) throws IOException {
        new DumpParser(JSON, new DefectLog(5), sink, (bytes, tasks) -> { }).parse(dumpFile);
        return sink;
    }

    /** The rows the dump parser handed over for the dump. */
    public RecordingSink dumpRows() {
        return dump;
    }

    /** The transactions with a value that is not JSON, which a Phorge database would not hold. */
    public Set<Long> damagedTransactions() {
        return damagedTransactions;
    }

    /** Tasks with a core:edge row in the old whole-map format, which {@code transaction.search} answers with type null. */
    public Set<Integer> oldEdgeFormatTasks() {
        return oldEdgeFormatTasks;
    }

    public void serveOn(TestConduitServer server) {
        server.serveSearch("project.search", dump.of(ProjectRow.class).stream().map(DumpAsConduit::project).toList());
        server.serveSearch("project.column.search", dump.of(ColumnRow.class).stream().map(DumpAsConduit::column).toList());
        Map<Integer, List<String>> projectsOf = new HashMap<>();
        List<Map<String, Object>> subtaskEdges = new ArrayList<>();
        Map<Integer, String> phids = new HashMap<>();
        dump.of(TaskRow.class).forEach(task -> phids.put(task.id(), task.phid()));
        for (TaskEdge edge : dump.of(TaskEdge.class)) {
            if (edge.type() == PROJECT_EDGE) {
                projectsOf.computeIfAbsent(edge.taskId(), id -> new ArrayList<>()).add(edge.destinationPhid());
            } else {
                subtaskEdges.add(Map.of("id", subtaskEdges.size() + 1, "sourcePHID", phids.get(edge.taskId()),
                        "edgeType", "task.subtask", "destinationPHID", edge.destinationPhid()));
            }
        }
        List<Map<String, Object>> tasks = dump.of(TaskRow.class).stream().filter(task -> task.phid() != null)
                .sorted(Comparator.comparingInt(TaskRow::id))
                .map(task -> task(task, projectsOf.getOrDefault(task.id(), List.of()))).toList();
        server.serveSearch("maniphest.search", params -> matching(tasks, params));
        server.serveSearch("edge.search", params -> {
            Set<String> sources = new HashSet<>();
            params.path("sourcePHIDs").forEach(phid -> sources.add(phid.asText()));
            return subtaskEdges.stream().filter(edge -> sources.contains((String) edge.get("sourcePHID"))).toList();
        });
        Map<String, List<Map<String, Object>>> transactions = new HashMap<>();
        Map<Integer, List<Map<String, Object>>> storedTransactions = new HashMap<>();
        List<TransactionRow> rows = new ArrayList<>(dump.of(TransactionRow.class));
        dump.of(EdgeTransaction.class).forEach(edge -> rows.add(edge.row()));
        rows.sort(Comparator.comparingLong(TransactionRow::id).reversed());
        for (TransactionRow row : rows) {
            Map<String, Object> stored = storedTransaction(row);
            if (stored == null) {
                damagedTransactions.add(row.id());
                continue;
            }
            storedTransactions.computeIfAbsent(row.taskId(), id -> new ArrayList<>()).add(stored);
            transactions.computeIfAbsent(phids.get(row.taskId()), phid -> new ArrayList<>()).add(transaction(row));
        }
        server.serveSearch("transaction.search", params -> transactions.getOrDefault(params.path("objectIdentifier").asText(), List.of()));
        server.answer("maniphest.gettasktransactions", params -> gettasktransactions(params, storedTransactions));
    }

    /**
     * As ManiphestGetTaskTransactionsConduitAPIMethod.php answers: the transactions of each task asked for, by task
     * id, newest first (ManiphestTransactionQuery's order); PHP's empty array, a JSON list, when there are none.
     */
    private static Object gettasktransactions(JsonNode params, Map<Integer, List<Map<String, Object>>> storedTransactions) {
        Map<String, Object> byTask = new LinkedHashMap<>();
        params.path("ids").forEach(id -> {
            List<Map<String, Object>> stored = storedTransactions.get(id.asInt());
            if (stored != null) {
                byTask.put(id.asText(), stored);
            }
        });
        return byTask.isEmpty() ? List.of() : byTask;
    }

    /** Whether the row is served at all: a row with a value that is not JSON is not (see {@link #storedTransaction}). */
    public static boolean served(TransactionRow row) {
        return storedTransaction(row) != null;
    }

    /**
     * A row in gettasktransactions' shape, its values decoded as Phorge decodes its JSON columns; null when a value
     * is not JSON. A Phorge database holds only the JSON it wrote, so such a row (the sample's truncated edge
     * values) is one that no install has: it is served by neither method, as if that edit had not been stored.
     */
    private static Map<String, Object> storedTransaction(TransactionRow row) {
        try {
            JsonNode metadata = value(row.metadata());
            return fields("taskID", row.taskId(), "title", "", "transactionID", row.id(), "transactionPHID", row.phid(),
                    "transactionType", row.type(), "oldValue", value(row.oldValue()), "newValue", value(row.newValue()),
                    "meta", metadata == null ? List.of() : metadata, "comments", null, "authorPHID", row.authorPhid(),
                    "dateCreated", seconds(row.dateCreated()));
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * The tasks {@code maniphest.search} answers with: modified at or after {@code constraints.modifiedStart}, tagged
     * with every project of {@code constraints.projects} (ManiphestTaskSearchEngine), by id, newest first if asked.
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> matching(List<Map<String, Object>> tasks, JsonNode params) {
        JsonNode constraints = params.path("constraints");
        long modifiedStart = constraints.path("modifiedStart").asLong(Long.MIN_VALUE);
        Set<String> projects = new HashSet<>();
        constraints.path("projects").forEach(phid -> projects.add(phid.asText()));
        List<Map<String, Object>> matching = new ArrayList<>(tasks.stream()
                .filter(task -> Objects.requireNonNullElse((Long) ((Map<String, Object>) task.get("fields")).get("dateModified"),
                        Long.MIN_VALUE) >= modifiedStart)
                .filter(task -> ((List<String>) ((Map<String, Map<String, Object>>) task.get("attachments")).get("projects")
                        .get("projectPHIDs")).containsAll(projects))
                .toList());
        if ("newest".equals(params.path("order").asText())) {
            Collections.reverse(matching);
        }
        return matching;
    }

    private static Map<String, Object> project(ProjectRow project) {
        return Map.of("id", project.id(), "type", "PROJ", "phid", project.phid(), "fields", fields(
                "name", project.name(), "icon", Map.of("key", project.icon()), "color", Map.of("key", project.color()),
                "dateCreated", seconds(project.dateCreated()), "dateModified", seconds(project.dateModified())));
    }

    private static Map<String, Object> column(ColumnRow column) {
        return Map.of("id", column.id(), "type", "PCOL", "phid", column.phid(), "fields", fields(
                "name", column.name(), "isHidden", Integer.valueOf(1).equals(column.status()), "sequence", column.sequence(),
                "project", Map.of("phid", column.projectPhid()),
                "dateCreated", seconds(column.dateCreated()), "dateModified", seconds(column.dateModified())));
    }

    private static Map<String, Object> task(TaskRow task, List<String> projects) {
        return Map.of("id", task.id(), "type", "TASK", "phid", task.phid(), "fields", fields(
                        "name", task.title(), "authorPHID", task.authorPhid(), "ownerPHID", task.ownerPhid(),
                        "status", fields("value", task.statusAtLoad()), "priority", fields("value", task.priority()),
                        "points", task.storyPoints(),
                        "dateCreated", seconds(task.dateCreated()), "dateModified", seconds(task.dateModified())),
                "attachments", Map.of("projects", Map.of("projectPHIDs", projects)));
    }

    /** A row that holds only JSON ({@link #storedTransaction}) in transaction.search's shape. */
    private Map<String, Object> transaction(TransactionRow row) {
        String type;
        Map<String, Object> fields;
        try {
            type = servedType(row);
            fields = type == null ? Map.of() : switch (type) {
                case "priority" -> fields("old", fields("value", value(row.oldValue())), "new", fields("value", value(row.newValue())));
                case "projects" -> Map.of("operations", operations(row));
                default -> fields("old", value(row.oldValue()), "new", value(row.newValue()));
            };
            if ("core:edge".equals(row.type()) && !edgeTyped(value(row.metadata()))) {
                oldEdgeFormatTasks.add(row.taskId());
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> transaction = fields("id", row.id(), "phid", row.phid(), "type", type, "authorPHID", row.authorPhid(),
                "objectPHID", row.objectPhid(), "dateCreated", seconds(row.dateCreated()), "dateModified", seconds(row.dateModified()));
        transaction.put("fields", fields);
        return transaction;
    }

    /**
     * The type {@code transaction.search} gives the row: reassign as owner, a core:edge of edge type 41 as projects;
     * null for any other edge row (old whole-map format, subtasks) and a type the dump does not carry.
     */
    public static String servedType(TransactionRow row) throws JsonProcessingException {
        return switch (row.type()) {
            case "status", "points", "core:columns", "title", "priority" -> row.type();
            case "reassign" -> "owner";
            case "core:edge" -> {
                JsonNode metadata = value(row.metadata());
                yield edgeTyped(metadata) && String.valueOf(PROJECT_EDGE).equals(metadata.get("edge:type").asText()) ? "projects" : null;
            }
            default -> null;
        };
    }

    private static boolean edgeTyped(JsonNode metadata) {
        return metadata != null && metadata.has("edge:type");
    }

    private static List<Map<String, String>> operations(TransactionRow row) throws JsonProcessingException {
        List<Map<String, String>> operations = new ArrayList<>();
        for (String phid : phids(row.newValue())) {
            operations.add(Map.of("operation", "add", "phid", phid));
        }
        for (String phid : phids(row.oldValue())) {
            operations.add(Map.of("operation", "remove", "phid", phid));
        }
        return operations;
    }

    private static List<String> phids(String value) throws JsonProcessingException {
        JsonNode list = value(value);
        List<String> phids = new ArrayList<>();
        if (list != null) {
            list.forEach(phid -> phids.add(phid.asText()));
        }
        return phids;
    }

    /** A stored value read back as JSON; null for none. */
    public static JsonNode value(String stored) throws JsonProcessingException {
        if (stored == null || stored.isBlank()) {
            return null;
        }
        JsonNode node = JSON.readTree(stored);
        return node == null || node.isNull() ? null : node;
    }

    private static Long seconds(Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }

    /** A map that, unlike Map.of, holds nulls, as Conduit answers do. */
    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
