package org.wikimedia.phlogiston.sampledata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.wikimedia.phlogiston.sampledata.SampleDumpGenerator.Settings;
import org.wikimedia.phlogiston.sampledata.SampleDumpGenerator.WantedProject;

/** The generator's dumps of the days after the as-of date, and its projects that scope files name. */
class SampleDumpLaterDaysTest {

    private static final int TASKS = 1500;
    private static final LocalDate AS_OF = LocalDate.of(2019, 7, 1);
    private static final long AS_OF_SECONDS = AS_OF.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    private static final long DAY = 86_400;
    private static final List<WantedProject> WANTED = List.of(new WantedProject(3624, null, List.of("TR0", "External")),
            new WantedProject(12, "Team-Practices", List.of()), new WantedProject(null, "Discovery-Analysis", List.of()),
            new WantedProject(1656, null, List.of()));
    private static final int TRANSACTION_TIME = 10;
    private static final int TRANSACTION_ID = 0;

    private static JsonNode dump;
    private static JsonNode threeDaysLater;

    @BeforeAll
    static void generate() throws IOException {
        dump = generate(new Settings(TASKS, 5, AS_OF, WANTED, 0));
        threeDaysLater = generate(new Settings(TASKS, 5, AS_OF, WANTED, 3));
    }

    @Test
    void wantedProjectsHaveTheirIdsNamesAndColumns() {
        assertThat(projectNamed("Team-Practices").get(0).asInt()).isEqualTo(12);
        assertThat(project(3624).get(1).asText()).as("a name like the generated projects'").matches("[A-Za-z-]+(-\\d+)?");
        int discoveryId = projectNamed("Discovery-Analysis").get(0).asInt();
        assertThat(discoveryId).isNotIn(12, 3624, 1656);
        assertThat(project(1656).get(1).asText()).as("a global tag stays itself").isEqualTo("Category");
        List<Integer> ids = new ArrayList<>();
        dump.path("project").path("projects").forEach(project -> ids.add(project.get(0).asInt()));
        assertThat(ids).doesNotHaveDuplicates();
        List<String> board = new ArrayList<>();
        dump.path("project").path("columns").forEach(column -> {
            if (column.get(5).asText().equals(project(3624).get(2).asText())) {
                board.add(column.get(2).asText());
            }
        });
        assertThat(board).containsExactly("Backlog", "TR0", "External", "Done");
    }

    @Test
    void wantedProjectsGetTasks() {
        for (JsonNode project : List.of(project(3624), projectNamed("Team-Practices"), projectNamed("Discovery-Analysis"))) {
            String phid = project.get(2).asText();
            long tagged = tasks(dump).stream().filter(task -> edgesTo(task, phid)).count();
            assertThat(tagged).as("tasks tagged with %s", project.get(1).asText()).isGreaterThan(5);
        }
    }

    @Test
    void aDumpDaysLaterHasTheSameHistoryBeforeTheAsOfDateAndMoreAfterIt() {
        Map<String, JsonNode> before = byId(dump);
        Map<String, JsonNode> later = byId(threeDaysLater);
        int changedLater = 0;
        for (Map.Entry<String, JsonNode> task : before.entrySet()) {
            JsonNode laterTask = later.get(task.getKey());
            assertThat(laterTask).as("task %s", task.getKey()).isNotNull();
            List<JsonNode> laterRows = transactions(laterTask);
            List<JsonNode> rowsBefore = laterRows.stream().filter(row -> time(row) < AS_OF_SECONDS).toList();
            assertThat(rowsBefore).as("transactions of task %s before the as-of date", task.getKey())
                    .isEqualTo(transactions(task.getValue()));
            changedLater += rowsBefore.size() < laterRows.size() ? 1 : 0;
        }
        List<String> newTasks = later.keySet().stream().filter(id -> !before.containsKey(id)).toList();
        int lastIdBefore = before.keySet().stream().mapToInt(Integer::parseInt).max().orElseThrow();
        long lastTransactionIdBefore = before.values().stream().flatMap(task -> transactions(task).stream())
                .mapToLong(row -> row.get(TRANSACTION_ID).asLong()).filter(id -> id < 1L << 31).max().orElseThrow();

        assertThat(changedLater).as("tasks changed after the as-of date").isBetween(5, TASKS / 10);
        assertThat(newTasks).as("about %d tasks a day", TASKS / (3 * 365)).hasSizeBetween(3, 6)
                .allMatch(id -> Integer.parseInt(id) > lastIdBefore);
        assertThat(newTasks).allSatisfy(id -> assertThat(later.get(id).path("info").get(7).asLong())
                .isBetween(AS_OF_SECONDS, AS_OF_SECONDS + 3 * DAY - 1));
        assertThat(later.values()).flatMap(SampleDumpLaterDaysTest::transactions)
                .allMatch(row -> time(row) < AS_OF_SECONDS + 3 * DAY)
                .filteredOn(row -> time(row) >= AS_OF_SECONDS && row.get(TRANSACTION_ID).isNumber())
                .isNotEmpty().allMatch(row -> row.get(TRANSACTION_ID).asLong() > lastTransactionIdBefore);
        assertThat(threeDaysLater.path("project")).as("the same projects and columns").isEqualTo(dump.path("project"));
    }

    @Test
    void refusesWantedProjectsTwiceAndDaysBeforeTheAsOfDate() {
        WantedProject twelve = new WantedProject(12, null, List.of());
        assertThatThrownBy(() -> new Settings(10, 1, AS_OF, List.of(twelve, new WantedProject(12, "X", List.of())), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id 12");
        assertThatThrownBy(() -> new Settings(10, 1, AS_OF, List.of(), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WantedProject(null, null, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode generate(Settings settings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SampleDumpGenerator(settings).writeTo(out);
        return new ObjectMapper().readTree(out.toByteArray());
    }

    private static JsonNode project(int id) {
        for (JsonNode project : dump.path("project").path("projects")) {
            if (project.get(0).asInt() == id) {
                return project;
            }
        }
        throw new AssertionError("no project " + id);
    }

    private static JsonNode projectNamed(String name) {
        for (JsonNode project : dump.path("project").path("projects")) {
            if (project.get(1).asText().equals(name)) {
                return project;
            }
        }
        throw new AssertionError("no project named " + name);
    }

    private static List<JsonNode> tasks(JsonNode of) {
        List<JsonNode> tasks = new ArrayList<>();
        of.path("task").forEach(tasks::add);
        return tasks;
    }

    private static Map<String, JsonNode> byId(JsonNode of) {
        Map<String, JsonNode> tasks = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = of.path("task").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> task = it.next();
            tasks.put(task.getKey(), task.getValue());
        }
        return tasks;
    }

    private static boolean edgesTo(JsonNode task, String phid) {
        for (JsonNode edge : task.path("edge")) {
            if (edge.get(2).asText().equals(phid)) {
                return true;
            }
        }
        return false;
    }

    /** Every transaction row of the task, group by group. */
    private static List<JsonNode> transactions(JsonNode task) {
        List<JsonNode> rows = new ArrayList<>();
        task.path("transactions").forEach(group -> group.forEach(rows::add));
        return rows;
    }

    private static long time(JsonNode transaction) {
        return transaction.get(TRANSACTION_TIME).asLong();
    }
}
