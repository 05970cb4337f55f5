package org.wikimedia.phlogiston.dump;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.wikimedia.phlogiston.dump.DumpRows.EdgeTransaction;
import org.wikimedia.phlogiston.dump.DumpRows.MembershipInterval;
import org.wikimedia.phlogiston.dump.DumpRows.TransactionRow;

/**
 * Replays one task's core:edge transactions, in time order and by transaction id within a second, into the
 * intervals during which the task was in each project.
 *
 * <p>Two formats exist. New rows (metadata {@code {"edge:type":41}}) list the project PHIDs removed and
 * added: the set becomes (set − removed) ∪ added. Old rows (metadata empty) hold the task's whole edge set
 * after the change, keyed by destination PHID; the type-41 keys replace the project set. Rows with another
 * edge type (subtasks) change nothing. Metadata is read as JSON, not matched as text, and an oldValue of
 * null means nothing was removed. Values in the plain shapes Phabricator writes are read by
 * {@link SimpleEdgeValues} without a JSON tree; the others as trees, with the same results. PHIDs are kept
 * whether or not the project is in the dump: the loader drops unknown ones afterwards, which gives the same sets
 * since filtering commutes with these set operations.
 */
final class MembershipHistory {

    static final String EDGE_TYPE = "core:edge";
    private static final int PROJECT_EDGE_TYPE = 41;
    private static final Comparator<TransactionRow> IN_ORDER_APPLIED =
            Comparator.comparing(TransactionRow::dateModified).thenComparingLong(TransactionRow::id);

    private final ObjectMapper json;
    private final DefectLog defects;
    private final List<TransactionRow> rows = new ArrayList<>();

    MembershipHistory(ObjectMapper json, DefectLog defects) {
        this.json = json;
        this.defects = defects;
    }

    void add(TransactionRow row) {
        rows.add(row);
    }

    /** Emits the task's edge transactions (with the project set after each) and its membership intervals, then forgets the task. */
    void emit(int taskId, DumpSink sink) {
        rows.sort(IN_ORDER_APPLIED);
        Set<String> projects = new LinkedHashSet<>();
        Map<String, Instant> memberSince = new HashMap<>();
        for (TransactionRow row : rows) {
            Set<String> after = projectsAfter(row, projects);
            Instant at = row.dateModified();
            for (Iterator<String> it = projects.iterator(); it.hasNext(); ) {
                String phid = it.next();
                if (!after.contains(phid)) {
                    interval(taskId, phid, memberSince.remove(phid), at, sink);
                    it.remove();
                }
            }
            for (String phid : after) {
                if (projects.add(phid)) {
                    memberSince.put(phid, at);
                }
            }
            sink.edgeTransaction(new EdgeTransaction(row, List.copyOf(projects)));
        }
        for (String phid : projects) {
            interval(taskId, phid, memberSince.get(phid), null, sink);
        }
        rows.clear();
    }

    private static void interval(int taskId, String phid, Instant from, Instant to, DumpSink sink) {
        if (to == null || to.isAfter(from)) {
            sink.membership(new MembershipInterval(taskId, phid, from, to));
        }
    }

    private Set<String> projectsAfter(TransactionRow row, Set<String> before) {
        try {
            OptionalInt edgeType = edgeType(row.metadata());
            if (edgeType.isEmpty()) {
                return wholeSet(row.newValue());
            }
            if (edgeType.getAsInt() != PROJECT_EDGE_TYPE) {
                return before;
            }
            Set<String> after = new LinkedHashSet<>(before);
            phids(row.oldValue()).forEach(after::remove);
            after.addAll(phids(row.newValue()));
            return after;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            defects.add(Defect.MALFORMED_VALUE, row.taskId());
            return before;
        }
    }

    /** The metadata's edge type; none when it names none (the old format, whose metadata is empty). */
    private OptionalInt edgeType(String metadata) throws JsonProcessingException {
        Integer simple = metadata == null ? null : SimpleEdgeValues.edgeType(metadata);
        if (simple != null) {
            return OptionalInt.of(simple);
        }
        JsonNode tree = parse(metadata);
        JsonNode edgeType = tree == null ? null : tree.get("edge:type");
        return edgeType == null ? OptionalInt.empty() : OptionalInt.of(edgeType.asInt());
    }

    /** Old format: the destinations of type 41 in the edge map; an empty array is an empty map. */
    private Set<String> wholeSet(String newValue) throws JsonProcessingException {
        Set<String> simple = newValue == null ? null : SimpleEdgeValues.destinationsOfType(newValue, PROJECT_EDGE_TYPE);
        if (simple != null) {
            return simple;
        }
        JsonNode tree = parse(newValue);
        Set<String> set = new LinkedHashSet<>();
        if (tree == null || tree.isArray() && tree.isEmpty()) {
            return set;
        }
        if (!tree.isObject()) {
            throw new IllegalArgumentException("edge map expected");
        }
        tree.fields().forEachRemaining(edge -> {
            JsonNode type = edge.getValue().get("type");
            if (type != null && type.asInt() == PROJECT_EDGE_TYPE) {
                set.add(edge.getKey());
            }
        });
        return set;
    }

    /** New format: a list of PHIDs; null means none. */
    private List<String> phids(String value) throws JsonProcessingException {
        List<String> simple = value == null ? null : SimpleEdgeValues.phids(value);
        if (simple != null) {
            return simple;
        }
        JsonNode tree = parse(value);
        if (tree == null) {
            return List.of();
        }
        if (!tree.isArray()) {
            throw new IllegalArgumentException("PHID list expected");
        }
        List<String> phids = new ArrayList<>(tree.size());
        tree.forEach(phid -> phids.add(phid.asText()));
        return phids;
    }

    /** The JSON inside a value, or null for a missing, empty or JSON-null one. */
    private JsonNode parse(String text) throws JsonProcessingException {
        if (text == null || text.isBlank()) {
            return null;
        }
        JsonNode node = json.readTree(text);
        return node == null || node.isNull() ? null : node;
    }
}
