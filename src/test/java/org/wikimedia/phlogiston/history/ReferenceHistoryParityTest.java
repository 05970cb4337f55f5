package org.wikimedia.phlogiston.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.ReferenceRun;
import org.wikimedia.phlogiston.dump.DumpLoader;
import org.wikimedia.phlogiston.runcontrol.ScopeJobLauncher;

/**
 * task_on_date of the three reference scopes against the original's, row for row. A row that differs must be
 * explained by a Fix of spec/semantics.md (or by our handling of a damaged row); the test counts the rows each
 * explains, and fails on any row none explains.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "phlogiston.scopes-dir=src/test/resources/reference/scopes")
class ReferenceHistoryParityTest extends DatabaseTest {

    private static final String[] FIELDS = {"status", "project_id", "project", "projectcolumn", "points", "maint_type",
            "priority", "category_title"};

    @Autowired
    DumpLoader loader;

    @Autowired
    Reconstruction reconstruction;

    private final ReferenceRun reference = new ReferenceRun();
    private Set<Integer> membershipFixes;
    private final Map<Integer, List<Instant>> membershipChanges = new HashMap<>();
    private final Map<Integer, Instant> firstStatusChange = new HashMap<>();
    private final Set<Integer> statusAtLoadDiffers = new TreeSet<>();

    @BeforeAll
    void loadTheReferenceDump() {
        jdbc.execute("TRUNCATE dump_load");
        loader.load(ReferenceRun.DUMP.toString(), true);
        membershipFixes = reference.membershipFixTasks().values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        jdbc.query("SELECT task_id, valid_from, valid_to FROM task_project_interval", rs -> {
            List<Instant> changes = membershipChanges.computeIfAbsent(rs.getInt(1), id -> new ArrayList<>());
            changes.add(rs.getTimestamp(2).toInstant());
            if (rs.getTimestamp(3) != null) {
                changes.add(rs.getTimestamp(3).toInstant());
            }
        });
        jdbc.query("SELECT task_id, min(date_modified) FROM maniphest_transaction WHERE transaction_type = 'status' GROUP BY task_id",
                rs -> { firstStatusChange.put(rs.getInt(1), rs.getTimestamp(2).toInstant()); });
        statusAtLoadDiffers.addAll(jdbc.queryForList("""
                SELECT t.id FROM maniphest_task t
                  LEFT JOIN LATERAL (SELECT new_value FROM maniphest_transaction x
                                      WHERE x.task_id = t.id AND x.transaction_type = 'status'
                                      ORDER BY date_modified DESC, id DESC LIMIT 1) last ON true
                 WHERE t.status_at_load IS DISTINCT FROM coalesce(last.new_value::json #>> '{}', 'open')""", Integer.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alp", "bet", "gam"})
    void historyEqualsTheOriginalsButWhereAFixSaysOtherwise(String scope) {
        ScopeJobLauncher.Outcome outcome = reconstruction.run(scope, false, null, Duration.ZERO);
        assertThat(outcome.succeeded()).as(outcome.message()).isTrue();

        Map<String, String[]> expected = new LinkedHashMap<>();
        for (CSVRecord row : ReferenceRun.csv("expected/" + scope + "/task_on_date.csv")) {
            expected.put(row.get("date").substring(0, 10) + " " + row.get("id"),
                    Arrays.stream(FIELDS).map(row::get).toArray(String[]::new));
        }
        Map<String, String[]> actual = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM task_on_date WHERE scope = ?", rs -> {
            String[] values = new String[FIELDS.length];
            for (int i = 0; i < FIELDS.length; i++) {
                values[i] = rs.getString(FIELDS[i]) == null ? "" : rs.getString(FIELDS[i]);
            }
            actual.put(rs.getTimestamp("date").toLocalDateTime().toLocalDate() + " " + rs.getInt("id"), values);
        }, scope);

        Map<String, Integer> rowsPerFix = new TreeMap<>();
        List<String> unexplained = new ArrayList<>();
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        int same = 0;
        for (String key : keys) {
            String[] original = expected.get(key);
            String[] ours = actual.get(key);
            if (original != null && ours != null && Arrays.equals(original, ours)) {
                same++;
                continue;
            }
            LocalDate day = LocalDate.parse(key.substring(0, 10));
            int task = Integer.parseInt(key.substring(11));
            String fix = explain(task, day, original, ours);
            if (fix == null) {
                unexplained.add(key + " original " + Arrays.toString(original) + " ours " + Arrays.toString(ours));
            } else {
                rowsPerFix.merge(fix, 1, Integer::sum);
            }
        }
        System.out.printf("%s: %d rows equal the original's; rows explained per Fix: %s%n", scope, same, rowsPerFix);
        assertThat(unexplained).as("rows no Fix explains").isEmpty();
        assertThat(same).isGreaterThan(expected.size() * 3 / 4);
    }

    /** The Fix that explains every field in which the two rows differ, or null. */
    private String explain(int task, LocalDate day, String[] original, String[] ours) {
        Instant startOfDay = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        boolean membershipChangedThatDay = membershipChanges.getOrDefault(task, List.of()).stream()
                .anyMatch(at -> at.isAfter(startOfDay) && !at.isAfter(startOfDay.plusSeconds(86_400)));
        if (membershipFixes.contains(task)) {
            return "L5/L6 project edges";
        }
        if (original == null || ours == null) {
            return membershipChangedThatDay ? "R1 one instant per day" : null;
        }
        String fix = null;
        for (int i = 0; i < FIELDS.length; i++) {
            if (original[i].equals(ours[i])) {
                continue;
            }
            String explanation = switch (FIELDS[i]) {
                case "project_id", "project", "maint_type" -> membershipChangedThatDay ? "R1 one instant per day" : null;
                case "projectcolumn" -> membershipChangedThatDay ? "R1 one instant per day"
                        : reference.multiMoveColumnTasks().contains(task) ? "R5 every column move" : null;
                case "points" -> reference.infoPointsNotPlainInteger().contains(task) ? "L7 info points" : null;
                case "status" -> statusFix(task, startOfDay);
                case "priority" -> reference.misfiledTransactionTasks().contains(task) ? "misfiled transaction dropped as a defect" : null;
                case "category_title" -> sortedWords(original[i]).equals(sortedWords(ours[i])) ? "category titles in id order" : null;
                default -> null;
            };
            if (explanation == null) {
                return null;
            }
            fix = fix == null ? explanation : fix;
        }
        return fix;
    }

    private String statusFix(int task, Instant at) {
        Instant first = firstStatusChange.get(task);
        if (first != null && at.isBefore(first)) {
            return "status before the first change";
        }
        return statusAtLoadDiffers.contains(task) ? "status at load from its date only" : null;
    }

    private static List<String> sortedWords(String text) {
        return Arrays.stream(text.split(" ")).sorted().toList();
    }
}
