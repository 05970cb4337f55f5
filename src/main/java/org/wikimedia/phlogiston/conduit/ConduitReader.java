package org.wikimedia.phlogiston.conduit;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads projects, workboard columns, tasks and their transactions through Conduit, each in the shape of the
 * dump's sections: the project section, and one task body (info row, transactions, edges) per task. A
 * {@link DumpDocumentWriter} puts them together as a dump, which {@link org.wikimedia.phlogiston.dump.DumpParser}
 * reads like any other: memberships, the project set after each edge transaction, points at load and the defect
 * counts then come from the one derivation the dump load uses, not from a second copy of it.
 *
 * <p>Where the answers come from (phorgeit/phorge):
 * <ul>
 * <li>{@code project.search}: {@code PhabricatorProject::getFieldValuesForConduit}
 *     (src/applications/project/storage/PhabricatorProject.php): {@code name}, {@code icon.key}, {@code color.key};
 *     {@code dateCreated}/{@code dateModified} from {@code PhabricatorLiskSearchEngineExtension}.</li>
 * <li>{@code project.column.search}: {@code PhabricatorProjectColumn::getFieldValuesForConduit}
 *     (src/applications/project/storage/PhabricatorProjectColumn.php): {@code name} is the display name (a
 *     board's unnamed default column comes as "Backlog", where the dump has an empty name), {@code isHidden} is
 *     the dump's status 1, {@code sequence}, {@code project.phid}.</li>
 * <li>{@code maniphest.search}, by id ({@code order: oldest}, not oldest-updated first: a cursor is a task id whose
 *     paging values Phorge reads again for the next page, {@code ManiphestTaskQuery::newPagingMapFromCursorObject}
 *     in src/applications/maniphest/query/ManiphestTaskQuery.php, so in an order by date modified a cursor task
 *     edited between two pages jumps to the end and the tasks between are skipped; ids do not move). The
 *     {@code modifiedStart} constraint is ManiphestTaskSearchEngine's "Updated After"
 *     (src/applications/maniphest/query/ManiphestTaskSearchEngine.php),
 *     {@code projects} the tag constraint (a task tagged with all the projects given).
 *     Fields from {@code ManiphestTask::getFieldValuesForConduit}
 *     (src/applications/maniphest/storage/ManiphestTask.php): {@code name}, {@code authorPHID}, {@code ownerPHID},
 *     {@code status.value}, {@code priority.value}, {@code points}; the {@code projects} attachment
 *     (src/applications/project/engineextension/PhabricatorProjectsSearchEngineAttachment.php, named
 *     PhorgeProjectsSearchEngineAttachment in later Phorge) gives the task's projects now, the dump's type-41 edges.</li>
 * <li>{@code edge.search} with type {@code task.subtask} (src/infrastructure/edges/conduit/EdgeSearchConduitAPIMethod.php,
 *     {@code ManiphestTaskDependsOnTaskEdgeType}, edge constant 3): the dump's type-3 edges.</li>
 * <li>{@code transaction.search} per task PHID (src/applications/transactions/conduit/TransactionSearchConduitAPIMethod.php):
 *     no raw values, but each modular type's {@code getFieldValuesForConduit}: {@code status} and {@code owner}
 *     (the dump's {@code reassign}) give {@code old}/{@code new} as stored; {@code priority} gives
 *     {@code {value, name}} (ManiphestTaskPriorityTransaction.php); {@code points} as stored
 *     (ManiphestTaskPointsTransaction.php): the JSON the row holds, decoded and encoded again, so a {@code 3} comes
 *     as 3 and only a value stored as {@code 3.0} (Phorge writes doubles) as 3.0, which the dump has as "3.0" too
 *     and the history counts in neither: kept as they come, they give the history the dump's numbers;
 *     {@code core:columns} the stored moves (ManiphestTaskColumnTransaction.php); a project edge change comes as type {@code projects}
 *     with {@code operations} add/remove ({@code newEdgeTransactionFields}), which is the dump's new
 *     {@code core:edge} format. Any other edge row (old-format rows, whose metadata names no edge type, and the
 *     subtask and parent edges) comes with type null and no fields.</li>
 * <li>{@code maniphest.gettasktransactions} (src/applications/maniphest/conduit/ManiphestGetTaskTransactionsConduitAPIMethod.php,
 *     frozen but present): {@code ids} to {@code {"<taskID>": [{transactionID, transactionType, oldValue, newValue,
 *     meta, dateCreated, ...}]}}, every transaction with its raw stored values, no paging. It is asked once per
 *     page of tasks, for the tasks whose transaction.search answer has a transaction of type null, and gives those
 *     of them that are core:edge rows as the dump holds them (values and metadata re-encoded as JSON), so that the
 *     old-format project changes count as in the dump. It has no dateModified: the row takes transaction.search's,
 *     which is the one the dump has and the memberships use.</li>
 * </ul>
 * Conduit has no counterpart for: transactions of other types the history does not use (titles, comments); the
 * task's subpriority; the transaction's comment PHID and version. Those values stay empty in the rows.
 */
public final class ConduitReader {

    /** The largest page a {@code *.search} method accepts. */
    public static final int MAXIMUM_PAGE_SIZE = 100;

    private static final String EDGE_TRANSACTION = "core:edge";
    private static final String PROJECT_EDGE_METADATA = "{\"edge:type\":41}";
    private static final int SUBTASK_EDGE = 3;
    private static final int PROJECT_EDGE = 41;

    private final ConduitClient client;
    private final ObjectMapper json;
    private final int pageSize;

    public ConduitReader(ConduitClient client, ObjectMapper json, int pageSize) {
        if (pageSize < 1 || pageSize > MAXIMUM_PAGE_SIZE) {
            throw new IllegalArgumentException("A Conduit page holds 1 to " + MAXIMUM_PAGE_SIZE + " items, not " + pageSize);
        }
        this.client = client;
        this.json = json;
        this.pageSize = pageSize;
    }

    /**
     * What to ask {@code maniphest.search} for: tasks modified at or after {@code modifiedSince} (null: all), tagged with
     * {@code projectPhid} (null: any).
     */
    public record TaskQuery(Instant modifiedSince, String projectPhid) {

        public static TaskQuery all() {
            return new TaskQuery(null, null);
        }
    }

    /**
     * One task as a dump's task section holds it, under its id: {@code body} has the dump's {@code info} row, its
     * {@code transactions} by type and its {@code edge} rows.
     */
    public record FetchedTask(int id, Instant dateModified, int transactions, ObjectNode body) {
    }

    /** One page of tasks in the order of their ids, and the cursor for the next page (null on the last). */
    public record TaskPage(List<FetchedTask> tasks, String after) {
    }

    /** Every project and workboard column the token can see, as the dump's {@code project} section. */
    public ObjectNode projectSection() {
        ObjectNode projectSection = json.createObjectNode();
        ArrayNode projects = projectSection.putArray("projects");
        client.searchAll("project.search", Map.of(), pageSize).forEach(project -> projects.add(projectRow(project)));
        ArrayNode columns = projectSection.putArray("columns");
        client.searchAll("project.column.search", Map.of(), pageSize).forEach(column -> columns.add(columnRow(column)));
        return projectSection;
    }

    /** The page of tasks after the cursor {@code after} (null: the first page), each with its transactions and edges. */
    public TaskPage taskPage(TaskQuery query, String after) throws IOException {
        Map<String, Object> taskQuery = taskSearch(query, "oldest");
        taskQuery.put("attachments", Map.of("projects", true, "columns", true));
        ConduitClient.SearchPage page = client.searchPage("maniphest.search", taskQuery, after, pageSize);
        Map<String, List<String>> subtasks = subtasks(page.data());
        Map<String, List<JsonNode>> transactionsOf = new HashMap<>();
        for (JsonNode task : page.data()) {
            String phid = task.path("phid").asText();
            transactionsOf.put(phid, client.searchAll("transaction.search", Map.of("objectIdentifier", phid), pageSize));
        }
        Map<Long, JsonNode> storedEdges = storedEdges(page.data(), transactionsOf);
        List<FetchedTask> tasks = new ArrayList<>(page.data().size());
        for (JsonNode task : page.data()) {
            tasks.add(fetchedTask(task, subtasks, transactionsOf.get(task.path("phid").asText()), storedEdges));
        }
        return new TaskPage(tasks, page.after());
    }

    /**
     * The highest id of the tasks {@code query} selects, 0 if none: how far its pages (in the order of ids) go. One
     * request for a page of one task, newest first ({@code order newest} is by id, as {@code oldest} is, in
     * {@code PhabricatorCursorPagedPolicyAwareQuery::getBuiltinOrders}).
     */
    public int highestTaskId(TaskQuery query) {
        List<JsonNode> newest = client.searchPage("maniphest.search", taskSearch(query, "newest"), null, 1).data();
        return newest.isEmpty() ? 0 : newest.get(0).path("id").asInt();
    }

    /** The parameters of {@code maniphest.search} for {@code query} in {@code order}. */
    private static Map<String, Object> taskSearch(TaskQuery query, String order) {
        Map<String, Object> constraints = new LinkedHashMap<>();
        if (query.modifiedSince() != null) {
            constraints.put("modifiedStart", query.modifiedSince().getEpochSecond());
        }
        if (query.projectPhid() != null) {
            constraints.put("projects", List.of(query.projectPhid()));
        }
        Map<String, Object> taskQuery = new LinkedHashMap<>();
        taskQuery.put("order", order);
        if (!constraints.isEmpty()) {
            taskQuery.put("constraints", constraints);
        }
        return taskQuery;
    }

    /**
     * The stored core:edge rows behind the transactions that {@code transaction.search} answered with type null,
     * by transaction id: one {@code maniphest.gettasktransactions} call for the tasks of the page that have such
     * transactions, none when no task has.
     */
    private Map<Long, JsonNode> storedEdges(List<JsonNode> tasks, Map<String, List<JsonNode>> transactionsOf) {
        List<Integer> ids = tasks.stream()
                .filter(task -> transactionsOf.get(task.path("phid").asText()).stream().anyMatch(ConduitReader::untyped))
                .map(task -> task.path("id").asInt()).toList();
        Map<Long, JsonNode> edges = new HashMap<>();
        if (ids.isEmpty()) {
            return edges;
        }
        // Keyed by task id; PHP's empty array, when none of the tasks has a transaction, is a JSON list.
        for (JsonNode transactions : client.call("maniphest.gettasktransactions", Map.of("ids", ids))) {
            for (JsonNode transaction : transactions) {
                if (EDGE_TRANSACTION.equals(transaction.path("transactionType").asText())) {
                    edges.put(transaction.path("transactionID").asLong(), transaction);
                }
            }
        }
        return edges;
    }

    private static boolean untyped(JsonNode transaction) {
        return transaction.path("type").isNull();
    }

    /** PROJECT_ROW: [id, name, phid, dateCreated, dateModified, icon, color]. */
    private ArrayNode projectRow(JsonNode project) {
        JsonNode fields = project.path("fields");
        return json.createArrayNode().add(project.get("id")).add(fields.get("name")).add(project.get("phid"))
                .add(fields.get("dateCreated")).add(fields.get("dateModified"))
                .add(fields.path("icon").get("key")).add(fields.path("color").get("key"));
    }

    /** COLUMN_ROW: [id, phid, name, status, sequence, projectPHID, dateCreated, dateModified]. */
    private ArrayNode columnRow(JsonNode column) {
        JsonNode fields = column.path("fields");
        return json.createArrayNode().add(column.get("id")).add(column.get("phid")).add(fields.get("name"))
                .add(fields.path("isHidden").asBoolean() ? 1 : 0).add(fields.get("sequence"))
                .add(fields.path("project").get("phid")).add(fields.get("dateCreated")).add(fields.get("dateModified"));
    }

    /** The subtask PHIDs of each task on the page, by the task's PHID. */
    private Map<String, List<String>> subtasks(List<JsonNode> tasks) {
        Map<String, List<String>> subtasks = new HashMap<>();
        if (tasks.isEmpty()) {
            return subtasks;
        }
        List<String> phids = tasks.stream().map(task -> task.path("phid").asText()).toList();
        for (JsonNode edge : client.searchAll("edge.search", Map.of("sourcePHIDs", phids, "types", List.of("task.subtask")), pageSize)) {
            subtasks.computeIfAbsent(edge.path("sourcePHID").asText(), phid -> new ArrayList<>()).add(edge.path("destinationPHID").asText());
        }
        return subtasks;
    }

    private FetchedTask fetchedTask(JsonNode task, Map<String, List<String>> subtasks, List<JsonNode> transactionsOfTask,
                                    Map<Long, JsonNode> storedEdges) throws JsonProcessingException {
        String phid = task.path("phid").asText();
        JsonNode fields = task.path("fields");
        ObjectNode body = json.createObjectNode();
        // INFO_ROW: [id, phid, authorPHID, ownerPHID, status, priority, title, dateCreated, dateModified, subpriority, points]
        body.putArray("info").add(task.get("id")).add(phid).add(fields.get("authorPHID")).add(fields.get("ownerPHID"))
                .add(fields.path("status").get("value")).add(fields.path("priority").get("value")).add(fields.get("name"))
                .add(fields.get("dateCreated")).add(fields.get("dateModified")).addNull().add(points(fields.get("points")));
        ObjectNode transactions = body.putObject("transactions");
        int kept = 0;
        for (JsonNode transaction : transactionsOfTask) {
            ArrayNode row = transactionRow(transaction, storedEdges);
            if (row != null) {
                String type = row.get(6).asText();
                (transactions.has(type) ? (ArrayNode) transactions.get(type) : transactions.putArray(type)).add(row);
                kept++;
            }
        }
        // EDGE_ROW: [src, type, dst, dateCreated, seq, dataID]
        ArrayNode edges = body.putArray("edge");
        task.path("attachments").path("projects").path("projectPHIDs")
                .forEach(project -> edges.add(json.createArrayNode().add(phid).add(PROJECT_EDGE).add(project)));
        subtasks.getOrDefault(phid, List.of())
                .forEach(subtask -> edges.add(json.createArrayNode().add(phid).add(SUBTASK_EDGE).add(subtask)));
        return new FetchedTask(task.path("id").asInt(), Instant.ofEpochSecond(fields.path("dateModified").asLong()), kept, body);
    }

    /**
     * TRANSACTION_ROW: [id, phid, authorPHID, objectPHID, commentPHID, commentVersion, type, oldValue, newValue,
     * metadata, dateCreated, dateModified], the values as the JSON text Phabricator stores; null for a type the
     * dump does not carry.
     */
    private ArrayNode transactionRow(JsonNode transaction, Map<Long, JsonNode> storedEdges) throws JsonProcessingException {
        JsonNode fields = transaction.path("fields");
        String type;
        String oldValue;
        String newValue;
        String metadata = null;
        switch (transaction.path("type").asText("")) {
            case "status", "points", "core:columns" -> {
                type = transaction.get("type").asText();
                oldValue = stored(fields.get("old"));
                newValue = stored(fields.get("new"));
            }
            case "owner" -> {
                type = "reassign";
                oldValue = stored(fields.get("old"));
                newValue = stored(fields.get("new"));
            }
            case "priority" -> {
                type = "priority";
                oldValue = stored(fields.path("old").get("value"));
                newValue = stored(fields.path("new").get("value"));
            }
            case "projects" -> {
                type = EDGE_TRANSACTION;
                oldValue = stored(phidsOf(fields, "remove"));
                newValue = stored(phidsOf(fields, "add"));
                metadata = PROJECT_EDGE_METADATA;
            }
            default -> {
                JsonNode edge = untyped(transaction) ? storedEdges.get(transaction.path("id").asLong()) : null;
                if (edge == null) {
                    return null;
                }
                // The stored row as the dump holds it; its dates are transaction.search's, which has dateModified.
                type = EDGE_TRANSACTION;
                oldValue = stored(edge.get("oldValue"));
                newValue = stored(edge.get("newValue"));
                metadata = stored(edge.get("meta"));
            }
        }
        return json.createArrayNode().add(transaction.get("id")).add(transaction.get("phid")).add(transaction.get("authorPHID"))
                .add(transaction.get("objectPHID")).addNull().addNull().add(type).add(oldValue).add(newValue).add(metadata)
                .add(transaction.get("dateCreated")).add(transaction.get("dateModified"));
    }

    /** The PHIDs of a {@code projects} transaction's operations of one kind ({@code add} or {@code remove}). */
    private ArrayNode phidsOf(JsonNode fields, String operation) {
        ArrayNode phids = json.createArrayNode();
        fields.path("operations").forEach(op -> {
            if (operation.equals(op.path("operation").asText())) {
                phids.add(op.path("phid").asText());
            }
        });
        return phids;
    }

    /**
     * The task's own points: Phorge keeps them in a double column, so a {@code 3} may come as {@code 3.0}; a whole
     * double is written as the integer, a fraction ({@code 0.5}) and a string as they come. (The points at load are
     * the same either way, any number counts; the text is what the status report shows.)
     */
    private JsonNode points(JsonNode value) {
        if (value != null && value.isFloatingPointNumber()) {
            BigDecimal number = value.decimalValue();
            if (number.signum() == 0 || number.stripTrailingZeros().scale() <= 0) {
                return json.getNodeFactory().numberNode(number.toBigIntegerExact());
            }
        }
        return value;
    }

    /** A value as Phabricator stores it, JSON-encoded; none for null. */
    private String stored(JsonNode value) throws JsonProcessingException {
        return value == null || value.isNull() ? null : json.writeValueAsString(value);
    }
}
