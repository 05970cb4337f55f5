package org.wikimedia.phlogiston.dump;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds small dumps in the real format, row by row, for tests that need exact control of the content. */
public final class TestDump {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode tasks = JSON.createObjectNode();
    private final ArrayNode projects = JSON.createArrayNode();
    private final ArrayNode columns = JSON.createArrayNode();
    private long nextTransactionId = 1000;

    public static String projectPhid(int id) {
        return "PHID-PROJ-%020d".formatted(id);
    }

    public static String taskPhid(int id) {
        return "PHID-TASK-%020d".formatted(id);
    }

    public TestDump project(int id, String name) {
        projects.add(JSON.createArrayNode().add(id).add(name).add(projectPhid(id)).add(1500000000).add(1500000000)
                .add("project").add("blue"));
        return this;
    }

    static String columnPhid(int id) {
        return "PHID-PCOL-%020d".formatted(id);
    }

    public TestDump column(int id, String name, int projectId) {
        columns.add(JSON.createArrayNode().add(id).add(columnPhid(id)).add(name).add(0).add(id)
                .add(projectPhid(projectId)).add(1500000000).add(1500000000).add("[]"));
        return this;
    }

    public Task task(int id, String status, Object points) {
        ObjectNode task = tasks.putObject(Integer.toString(id));
        ArrayNode info = task.putArray("info").add(id).add(taskPhid(id)).add("PHID-USER-1").add((String) null).add(status)
                .add(50).add("Task " + id).add(1500000000).add(1600000000).add(0.0);
        info.addPOJO(points);
        info.add("public");
        task.putObject("transactions");
        task.putArray("edge");
        return new Task(id, task);
    }

    /** A task entry that is not a task object (a string), as in a damaged dump. */
    public TestDump rejectedTask(int id) {
        tasks.put(Integer.toString(id), "not a task");
        return this;
    }

    public final class Task {
        private final int id;
        private final ObjectNode node;

        private Task(int id, ObjectNode node) {
            this.id = id;
            this.node = node;
        }

        /** New format: PHIDs removed and added, metadata as given (normally {"edge:type":41}). */
        public Task edgeChange(long at, long transactionId, List<Integer> removed, List<Integer> added, String metadata) {
            return transaction("core:edge", transactionId, at, removed == null ? null : phidList(removed), phidList(added), metadata);
        }

        /** Old format: the whole edge map after the change; metadata empty. */
        public Task edgeSet(long at, List<Integer> projectIds, List<Integer> subtaskIds) {
            Map<String, Object> edges = new LinkedHashMap<>();
            projectIds.forEach(p -> edges.put(projectPhid(p), Map.of("type", 41, "dst", projectPhid(p))));
            subtaskIds.forEach(t -> edges.put(taskPhid(t), Map.of("type", 3, "dst", taskPhid(t))));
            return transaction("core:edge", nextTransactionId++, at, "[]", write(edges.isEmpty() ? List.of() : edges), null);
        }

        public Task status(long at, String from, String to) {
            return transaction("status", nextTransactionId++, at, write(from), write(to), "[]");
        }

        /** A transaction row with every field as given (values are the JSON texts the dump holds). */
        public Task transaction(String type, long transactionId, long at, String oldValue, String newValue, String metadata) {
            return filedUnder(type, type, transactionId, at, oldValue, newValue, metadata);
        }

        /** A transaction row in the group of {@code group}, which is not always its own type in damaged dumps. */
        public Task filedUnder(String group, String type, long transactionId, long at, String oldValue, String newValue, String metadata) {
            ObjectNode transactions = (ObjectNode) node.get("transactions");
            ArrayNode rows = transactions.has(group) ? (ArrayNode) transactions.get(group) : transactions.putArray(group);
            rows.add(JSON.createArrayNode().add(transactionId).add("PHID-XACT-" + transactionId).add("PHID-USER-1")
                    .add(taskPhid(id)).add((String) null).add(0).add(type).add(oldValue).add(newValue).add(metadata)
                    .add(at).add(at));
            return this;
        }

        /** The task's dateModified at load (info[8]), in epoch seconds. */
        public Task modified(long at) {
            ((ArrayNode) node.get("info")).set(8, JSON.getNodeFactory().numberNode(at));
            return this;
        }

        /** A core:columns transaction moving the task to the given columns, each on its project's board. */
        public Task columns(long at, long transactionId, int... columnAndProjectIds) {
            List<Map<String, Object>> moves = new ArrayList<>();
            for (int i = 0; i < columnAndProjectIds.length; i += 2) {
                moves.add(Map.of("columnPHID", columnPhid(columnAndProjectIds[i]), "boardPHID", projectPhid(columnAndProjectIds[i + 1]),
                        "fromColumnPHIDs", Map.of()));
            }
            return transaction("core:columns", transactionId, at, null, write(moves), "[]");
        }

        public Task title(String title) {
            ((ArrayNode) node.get("info")).set(6, JSON.getNodeFactory().textNode(title));
            return this;
        }

        public Task tag(int projectId) {
            return edge(41, projectPhid(projectId));
        }

        public Task subtask(int taskId) {
            return edge(3, taskPhid(taskId));
        }

        private Task edge(int type, String destination) {
            ((ArrayNode) node.get("edge")).add(JSON.createArrayNode().add(taskPhid(id)).add(type).add(destination)
                    .add(1500000000).add(0).add((String) null));
            return this;
        }

        public TestDump done() {
            return TestDump.this;
        }

        private String phidList(List<Integer> projectIds) {
            return write(projectIds.stream().map(TestDump::projectPhid).toList());
        }
    }

    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.set("task", tasks);
        ObjectNode project = root.putObject("project");
        project.set("projects", projects);
        project.set("columns", columns);
        return write(root);
    }

    public Path writeTo(Path file) throws IOException {
        return Files.writeString(file, json());
    }

    public static List<Integer> ids(Integer... ids) {
        return Arrays.asList(ids);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
