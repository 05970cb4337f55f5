package org.wikimedia.phlogiston.dump;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts the defects of one load per kind and keeps the first few task ids of each kind as examples. */
public final class DefectLog {

    private final int examplesPerKind;
    private final Map<Defect, Tally> tallies = new EnumMap<>(Defect.class);

    public DefectLog(int examplesPerKind) {
        this.examplesPerKind = examplesPerKind;
    }

    public void add(Defect defect, long taskId) {
        tallies.computeIfAbsent(defect, d -> new Tally()).add(taskId, examplesPerKind);
    }

    /** Adds defects found after parsing, by the SQL that resolves PHIDs. */
    public void addAll(Defect defect, long count, Collection<? extends Number> exampleTaskIds) {
        if (count == 0) {
            return;
        }
        Tally tally = tallies.computeIfAbsent(defect, d -> new Tally());
        tally.count += count;
        exampleTaskIds.stream().limit(examplesPerKind).forEach(id -> {
            if (tally.examples.size() < examplesPerKind) {
                tally.examples.add(id.longValue());
            }
        });
    }

    public long count(Defect defect) {
        Tally tally = tallies.get(defect);
        return tally == null ? 0 : tally.count;
    }

    public long total() {
        return tallies.values().stream().mapToLong(t -> t.count).sum();
    }

    /** Kind (lower case) to count and example task ids, in the order of {@link Defect}; the shape stored in dump_load. */
    public Map<String, Map<String, Object>> asMap() {
        Map<String, Map<String, Object>> map = new LinkedHashMap<>();
        tallies.forEach((defect, tally) -> map.put(defect.key(),
                Map.of("count", tally.count, "examples", List.copyOf(tally.examples))));
        return map;
    }

    /** One line per kind, for the load summary. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        tallies.forEach((defect, tally) -> lines.add(String.format("%,d %s (e.g. %s %s)", tally.count,
                defect.description(), defect.exampleNoun(), tally.examples.isEmpty() ? "-" : joinExamples(tally.examples))));
        return lines;
    }

    private static String joinExamples(List<Long> examples) {
        return String.join(", ", examples.stream().map(String::valueOf).toList());
    }

    private static final class Tally {
        long count;
        final List<Long> examples = new ArrayList<>();

        void add(long taskId, int limit) {
            count++;
            if (examples.size() < limit && !examples.contains(taskId)) {
                examples.add(taskId);
            }
        }
    }
}
