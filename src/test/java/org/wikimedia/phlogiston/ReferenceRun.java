package org.wikimedia.phlogiston;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The reference run of the original program (src/test/resources/reference, a copy of shared/reference): its
 * files, and what its dump holds that the original got wrong, so parity tests can name the rows a Fix explains.
 */
public final class ReferenceRun {

    public static final Path DIR = Path.of("src/test/resources/reference");
    public static final Path DUMP = DIR.resolve("phabricator_public.dump");
    private static final String PROJECT_EDGE_METADATA = "{\"edge:type\":41}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode dump;
    private final Set<String> knownProjects = new HashSet<>();

    public ReferenceRun() {
        try {
            dump = JSON.readTree(DUMP.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dump.get("project").get("projects").forEach(p -> knownProjects.add(p.get(2).asText()));
    }

    public static List<CSVRecord> csv(String path) {
        try (Reader in = Files.newBufferedReader(DIR.resolve(path))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Iterable<Map.Entry<String, JsonNode>> tasks() {
        return () -> dump.get("task").fields();
    }

    private static Iterable<JsonNode> transactions(JsonNode task, String group) {
        JsonNode transactions = task.path("transactions");
        return transactions.isObject() ? transactions.path(group) : List.of();
    }

    /** Per Fix L5 and L6, the tasks whose project-edge history holds what the original got wrong. */
    public Map<String, Set<Integer>> membershipFixTasks() {
        Map<String, Set<Integer>> fixed = new LinkedHashMap<>();
        for (String fix : List.of("L5 metadata read as JSON", "L5 null oldValue", "L5 unknown PHID", "L6 same second")) {
            fixed.put(fix, new TreeSet<>());
        }
        for (Map.Entry<String, JsonNode> task : tasks()) {
            int id = Integer.parseInt(task.getKey());
            Set<Long> secondsOfProjectChanges = new HashSet<>();
            for (JsonNode row : transactions(task.getValue(), "core:edge")) {
                String metadata = row.get(9).isNull() ? "" : row.get(9).asText();
                boolean newFormat = !metadata.isBlank();
                if (newFormat && readTree(metadata).path("edge:type").asInt() != 41) {
                    continue;
                }
                if (newFormat && !metadata.equals(PROJECT_EDGE_METADATA)) {
                    fixed.get("L5 metadata read as JSON").add(id);
                }
                if (newFormat && (row.get(7).isNull() || "null".equals(row.get(7).asText()))) {
                    fixed.get("L5 null oldValue").add(id);
                }
                if (newFormat && unknownBeforeAnother(readTree(row.get(8).asText()))) {
                    fixed.get("L5 unknown PHID").add(id);
                }
                if (!secondsOfProjectChanges.add(row.get(11).asLong())) {
                    fixed.get("L6 same second").add(id);
                }
            }
        }
        return fixed;
    }

    /** The original dropped every PHID after an unknown one in a list. */
    private boolean unknownBeforeAnother(JsonNode phids) {
        for (int i = 0; i < phids.size() - 1; i++) {
            if (!knownProjects.contains(phids.get(i).asText())) {
                return true;
            }
        }
        return false;
    }

    /** Fix L7: tasks whose info points are a number the original ignored (2.0, "3") or an empty string. */
    public Set<Integer> infoPointsNotPlainInteger() {
        Set<Integer> tasks = new TreeSet<>();
        for (Map.Entry<String, JsonNode> task : tasks()) {
            JsonNode points = task.getValue().path("info").path(10);
            if (!points.isMissingNode() && !points.isNull() && !points.isIntegralNumber()) {
                tasks.add(Integer.parseInt(task.getKey()));
            }
        }
        return tasks;
    }

    /** Fix R5: tasks with a core:columns transaction moving them more than once. */
    public Set<Integer> multiMoveColumnTasks() {
        Set<Integer> tasks = new TreeSet<>();
        for (Map.Entry<String, JsonNode> task : tasks()) {
            for (JsonNode row : transactions(task.getValue(), "core:columns")) {
                if (readTree(row.get(8).asText()).size() > 1) {
                    tasks.add(Integer.parseInt(task.getKey()));
                }
            }
        }
        return tasks;
    }

    /** Transactions filed under another type than their own: we drop them as defects; the original used them. */
    public Set<Integer> misfiledTransactionTasks() {
        Set<Integer> tasks = new TreeSet<>();
        for (Map.Entry<String, JsonNode> task : tasks()) {
            JsonNode transactions = task.getValue().path("transactions");
            transactions.fields().forEachRemaining(group -> group.getValue().forEach(row -> {
                if (!group.getKey().equals(row.get(6).asText())) {
                    tasks.add(Integer.parseInt(task.getKey()));
                }
            }));
        }
        return tasks;
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
