package org.wikimedia.phlogiston;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

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
    public static final String L5_METADATA = "L5 metadata read as JSON";
    public static final String L5_NULL_OLD_VALUE = "L5 null oldValue";
    public static final String L5_UNKNOWN_PHID = "L5 unknown PHID";
    public static final String L6_SAME_SECOND = "L6 same second";

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

    /**
     * Per Fix L5 and L6, the tasks whose project-edge history holds what the original got wrong, each with the
     * instant of its first such edge row: the original's project set of the task can differ from ours from then on.
     */
    public Map<String, Map<Integer, Instant>> membershipFixes() {
        Map<String, Map<Integer, Instant>> fixed = new LinkedHashMap<>();
        for (String fix : List.of(L5_METADATA, L5_NULL_OLD_VALUE, L5_UNKNOWN_PHID, L6_SAME_SECOND)) {
            fixed.put(fix, new TreeMap<>());
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
                Instant at = Instant.ofEpochSecond(row.get(11).asLong());
                if (newFormat && !metadata.equals(PROJECT_EDGE_METADATA)) {
                    fixed.get(L5_METADATA).merge(id, at, ReferenceRun::earlier);
                }
                if (newFormat && (row.get(7).isNull() || "null".equals(row.get(7).asText()))) {
                    fixed.get(L5_NULL_OLD_VALUE).merge(id, at, ReferenceRun::earlier);
                }
                if (newFormat && unknownBeforeAnother(readTree(row.get(8).asText()))) {
                    fixed.get(L5_UNKNOWN_PHID).merge(id, at, ReferenceRun::earlier);
                }
                if (!secondsOfProjectChanges.add(row.get(11).asLong())) {
                    fixed.get(L6_SAME_SECOND).merge(id, at, ReferenceRun::earlier);
                }
            }
        }
        return fixed;
    }

    /**
     * The Fix of L5/L6 that explains a difference in the task's project set at the instant: the task's edges hold a
     * row the original misread, at or before that instant. Null when none does.
     */
    public static String membershipFixAt(Map<String, Map<Integer, Instant>> fixes, int task, Instant at) {
        return fixes.entrySet().stream()
                .filter(fix -> fix.getValue().containsKey(task) && !fix.getValue().get(task).isAfter(at))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** One row of expected/load/maniphest_edge_transaction.csv: the task's whole project set after an edge row. */
    public record ProjectSet(Instant at, Set<Integer> projects) {
    }

    /** The original's project set of each task after each of its edge rows, in the file's (time) order. */
    public static Map<Integer, List<ProjectSet>> originalProjectSets() {
        Map<Integer, List<ProjectSet>> sets = new HashMap<>();
        for (CSVRecord row : csv("expected/load/maniphest_edge_transaction.csv")) {
            Instant at = OffsetDateTime.parse(row.get("date_modified").replace(' ', 'T') + ":00").toInstant();
            sets.computeIfAbsent(Integer.parseInt(row.get("task_id")), id -> new ArrayList<>())
                    .add(new ProjectSet(at, intSet(row.get("edges"))));
        }
        return sets;
    }

    /** A PostgreSQL integer array as the original's files write it: {@code {101,1656}}. */
    private static Set<Integer> intSet(String postgresArray) {
        String inner = postgresArray.replaceAll("[{}]", "");
        return inner.isBlank() ? Set.of()
                : Arrays.stream(inner.split(",")).map(Integer::parseInt).collect(Collectors.toCollection(TreeSet::new));
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

    /** Fix R5: tasks with a core:columns transaction moving them more than once, with the first such instant. */
    public Map<Integer, Instant> multiMoveColumnTasks() {
        Map<Integer, Instant> tasks = new TreeMap<>();
        for (Map.Entry<String, JsonNode> task : tasks()) {
            for (JsonNode row : transactions(task.getValue(), "core:columns")) {
                if (readTree(row.get(8).asText()).size() > 1) {
                    tasks.merge(Integer.parseInt(task.getKey()), Instant.ofEpochSecond(row.get(11).asLong()), ReferenceRun::earlier);
                }
            }
        }
        return tasks;
    }

    /** Transactions filed under another type than their own (L9): both the original and we use them with their own type. */
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
