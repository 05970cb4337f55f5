package org.wikimedia.phlogiston.conduit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.wikimedia.phlogiston.dump.DefectLog;
import org.wikimedia.phlogiston.dump.DumpParser;
import org.wikimedia.phlogiston.dump.DumpSink;

/**
 * Reads projects, workboard columns, tasks and their transactions through Conduit and hands a {@link DumpSink} the
 * same rows the dump parser would hand it for the same data.
 *
 * <p>Each answer is written out as a piece of a dump (the project section once, then one small document per task)
 * and read by {@link DumpParser}: memberships, the project set after each edge transaction, points at load and the
 * defect counts then come from the one derivation the dump load uses, not from a second copy of it.
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
 * <li>{@code maniphest.search}, oldest-updated first ({@code order: outdated}): {@code ManiphestTask::getFieldValuesForConduit}
 *     (src/applications/maniphest/storage/ManiphestTask.php): {@code name}, {@code authorPHID}, {@code ownerPHID},
 *     {@code status.value}, {@code priority.value}, {@code points}; the {@code projects} attachment
 *     (src/applications/project/engineextension/PhabricatorProjectsSearchEngineAttachment.php, named
 *     PhorgeProjectsSearchEngineAttachment in later Phorge) gives the task's projects now, the dump's type-41 edges.</li>
 * <li>{@code edge.search} with type {@code task.subtask} (src/infrastructure/edges/conduit/EdgeSearchConduitAPIMethod.php,
 *     {@code ManiphestTaskDependsOnTaskEdgeType}, edge constant 3): the dump's type-3 edges.</li>
 * <li>{@code transaction.search} per task PHID (src/applications/transactions/conduit/TransactionSearchConduitAPIMethod.php):
 *     no raw values, but each modular type's {@code getFieldValuesForConduit}: {@code status} and {@code owner}
 *     (the dump's {@code reassign}) give {@code old}/{@code new} as stored; {@code priority} gives
 *     {@code {value, name}} (ManiphestTaskPriorityTransaction.php); {@code points} the stored doubles
 *     (ManiphestTaskPointsTransaction.php); {@code core:columns} the stored moves (ManiphestTaskColumnTransaction.php);
 *     a project edge change comes as type {@code projects} with {@code operations} add/remove
 *     ({@code newEdgeTransactionFields}), which is the dump's new {@code core:edge} format.</li>
 * </ul>
 * Conduit has no counterpart for: transactions of other types (titles, comments, subtask edges); old-format
 * core:edge rows, whose metadata names no edge type, so that {@code transaction.search} answers them with type null
 * and their project changes are not seen; the task's subpriority; the transaction's comment PHID and version.
 * Those values stay empty in the rows. Points come as Phorge stores them, doubles ({@code 3.0}).
 */
public final class ConduitReader {

    /** The largest page a {@code *.search} method accepts. */
    public static final int MAXIMUM_PAGE_SIZE = 100;

    private static final String PROJECT_EDGE_METADATA = "{\"edge:type\":41}";
    private static final int SUBTASK_EDGE = 3;
    private static final int PROJECT_EDGE = 41;

    private final ConduitClient client;
    private final ObjectMapper json;
    private final DefectLog defects;
    private final int pageSize;

    public ConduitReader(ConduitClient client, ObjectMapper json, DefectLog defects, int pageSize) {
        if (pageSize < 1 || pageSize > MAXIMUM_PAGE_SIZE) {
            throw new IllegalArgumentException("A Conduit page holds 1 to " + MAXIMUM_PAGE_SIZE + " items, not " + pageSize);
        }
        this.client = client;
        this.json = json;
        this.defects = defects;
        this.pageSize = pageSize;
    }

    /** Reads every project, column and task the token can see into {@code sink}; the counts as the parser gives them. */
    public DumpParser.Summary read(DumpSink sink) throws IOException {
        ObjectNode projectSection = json.createObjectNode();
        ArrayNode projects = projectSection.putArray("projects");
        client.searchAll("project.search", Map.of(), pageSize).forEach(project -> projects.add(projectRow(project)));
        ArrayNode columns = projectSection.putArray("columns");
        client.searchAll("project.column.search", Map.of(), pageSize).forEach(column -> columns.add(columnRow(column)));
        parse(json.createObjectNode(), projectSection, sink);

        long tasks = 0;
        long transactions = 0;
        Instant latestChange = Instant.EPOCH;
        Map<String, Object> taskQuery = Map.of("order", "outdated", "attachments", Map.of("projects", true));
        String after = null;
        do {
            ConduitClient.SearchPage page = client.searchPage("maniphest.search", taskQuery, after, pageSize);
            Map<String, List<String>> subtasks = subtasks(page.data());
            for (JsonNode task : page.data()) {
                DumpParser.Summary read = parse(taskDocument(task, subtasks), emptyProjectSection(), sink);
                tasks += read.tasks();
                transactions += read.transactions();
                latestChange = read.latestChange().isAfter(latestChange) ? read.latestChange() : latestChange;
            }
            after = page.after();
        } while (after != null);
        return new DumpParser.Summary(tasks, transactions, latestChange);
    }

    private DumpParser.Summary parse(ObjectNode taskSection, ObjectNode projectSection, DumpSink sink) throws IOException {
        ObjectNode document = json.createObjectNode();
        document.set("task", taskSection);
        document.set("project", projectSection);
        return new DumpParser(json, defects, sink, (bytes, read) -> { })
                .parse(new ByteArrayInputStream(json.writeValueAsBytes(document)));
    }

    private ObjectNode emptyProjectSection() {
        ObjectNode section = json.createObjectNode();
        section.putArray("projects");
        section.putArray("columns");
        return section;
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

    /** The task section of a dump holding this one task: its info row, transactions and edges. */
    private ObjectNode taskDocument(JsonNode task, Map<String, List<String>> subtasks) throws JsonProcessingException {
        String phid = task.path("phid").asText();
        JsonNode fields = task.path("fields");
        ObjectNode body = json.createObjectNode();
        // INFO_ROW: [id, phid, authorPHID, ownerPHID, status, priority, title, dateCreated, dateModified, subpriority, points]
        body.putArray("info").add(task.get("id")).add(phid).add(fields.get("authorPHID")).add(fields.get("ownerPHID"))
                .add(fields.path("status").get("value")).add(fields.path("priority").get("value")).add(fields.get("name"))
                .add(fields.get("dateCreated")).add(fields.get("dateModified")).addNull().add(fields.get("points"));
        ObjectNode transactions = body.putObject("transactions");
        for (JsonNode transaction : client.searchAll("transaction.search", Map.of("objectIdentifier", phid), pageSize)) {
            ArrayNode row = transactionRow(transaction);
            if (row != null) {
                String type = row.get(6).asText();
                (transactions.has(type) ? (ArrayNode) transactions.get(type) : transactions.putArray(type)).add(row);
            }
        }
        // EDGE_ROW: [src, type, dst, dateCreated, seq, dataID]
        ArrayNode edges = body.putArray("edge");
        task.path("attachments").path("projects").path("projectPHIDs")
                .forEach(project -> edges.add(json.createArrayNode().add(phid).add(PROJECT_EDGE).add(project)));
        subtasks.getOrDefault(phid, List.of())
                .forEach(subtask -> edges.add(json.createArrayNode().add(phid).add(SUBTASK_EDGE).add(subtask)));
        ObjectNode section = json.createObjectNode();
        section.set(task.path("id").asText(), body);
        return section;
    }

    /**
     * TRANSACTION_ROW: [id, phid, authorPHID, objectPHID, commentPHID, commentVersion, type, oldValue, newValue,
     * metadata, dateCreated, dateModified], the values as the JSON text Phabricator stores; null for a type the
     * dump does not carry.
     */
    private ArrayNode transactionRow(JsonNode transaction) throws JsonProcessingException {
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
                type = "core:edge";
                oldValue = stored(phidsOf(fields, "remove"));
                newValue = stored(phidsOf(fields, "add"));
                metadata = PROJECT_EDGE_METADATA;
            }
            default -> {
                return null;
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

    /** A value as Phabricator stores it, JSON-encoded; none for null. */
    private String stored(JsonNode value) throws JsonProcessingException {
        return value == null || value.isNull() ? null : json.writeValueAsString(value);
    }
}
