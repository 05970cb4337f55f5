package org.wikimedia.phlogiston.sampledata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.wikimedia.phlogiston.dump.Defect;
import org.wikimedia.phlogiston.dump.DefectLog;
import org.wikimedia.phlogiston.dump.DumpParser;
import org.wikimedia.phlogiston.dump.DumpRows.ColumnRow;
import org.wikimedia.phlogiston.dump.DumpRows.EdgeTransaction;
import org.wikimedia.phlogiston.dump.DumpRows.MembershipInterval;
import org.wikimedia.phlogiston.dump.DumpRows.ProjectRow;
import org.wikimedia.phlogiston.dump.DumpRows.TaskEdge;
import org.wikimedia.phlogiston.dump.DumpRows.TaskRow;
import org.wikimedia.phlogiston.dump.DumpRows.TransactionRow;
import org.wikimedia.phlogiston.dump.DumpSink;

class SampleDumpGeneratorTest {

    private static final int TASKS = 2500;
    private static final LocalDate AS_OF = LocalDate.of(2019, 3, 15);
    private static final Instant AS_OF_MIDNIGHT = AS_OF.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final SampleDumpGenerator.Settings SETTINGS = new SampleDumpGenerator.Settings(TASKS, 42, AS_OF);
    private static final List<Integer> SPECIAL_TAGS = List.of(942, 1453, 1454, 1656, 2169);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] dump;
    private static SampleDumpGenerator.Result result;
    private static RecordingSink parsed;
    private static DefectLog defects;
    private static DumpParser.Summary summary;

    @BeforeAll
    static void generateAndParse() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result = new SampleDumpGenerator(SETTINGS).writeTo(out);
        dump = out.toByteArray();
        parsed = new RecordingSink();
        defects = new DefectLog(3);
        summary = new DumpParser(JSON, defects, parsed, (bytesRead, tasksRead) -> { })
                .parse(new ByteArrayInputStream(dump));
    }

    @Test
    void theSameSettingsWriteTheSameBytes() throws IOException {
        assertThat(Arrays.mismatch(generate(SETTINGS), dump)).as("first differing byte").isEqualTo(-1);
    }

    @Test
    void anotherSeedWritesAnotherDump() throws IOException {
        byte[] other = generate(new SampleDumpGenerator.Settings(TASKS, 43, AS_OF));
        assertThat(Arrays.mismatch(other, dump)).isNotEqualTo(-1);
    }

    @Test
    void writesTheFileThroughATemporarySibling(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("dumps").resolve("phabricator_public.dump");

        SampleDumpGenerator.Result written = new SampleDumpGenerator(SETTINGS).writeTo(file);

        assertThat(Files.readAllBytes(file)).isEqualTo(dump);
        assertThat(written).isEqualTo(result);
        assertThat(written.bytes()).isEqualTo(Files.size(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void refusesANegativeNumberOfTasks() {
        assertThatThrownBy(() -> new SampleDumpGenerator.Settings(-1, 1, AS_OF))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theParserReadsEveryTaskAndEveryTransactionThatIsNotDeliberatelyBroken() {
        // A misfiled transaction is read with its own type: it is a defect, but not a skipped row.
        long skipped = defects.count(Defect.BAD_TRANSACTION_ID) + defects.count(Defect.DUPLICATE_TRANSACTION_ID)
                + defects.count(Defect.MALFORMED_TRANSACTION);

        assertThat(result.tasks()).isEqualTo(TASKS);
        assertThat(summary.tasks()).isEqualTo(TASKS);
        assertThat(parsed.tasks).hasSize(TASKS);
        assertThat(result.bytes()).isEqualTo(dump.length);
        assertThat(summary.transactions() + skipped).isEqualTo(result.transactions());
        assertThat(parsed.transactions.size() + parsed.edgeTransactions.size()).isEqualTo(summary.transactions());
        assertThat(summary.transactions()).as("transactions per task, as the benchmark needs")
                .isGreaterThan(13L * TASKS);
    }

    @Test
    void projectTagsChangeInBothCoreEdgeFormats() {
        List<TransactionRow> projectEdges = parsed.edgeTransactions.stream().map(EdgeTransaction::row)
                .filter(row -> !edgeTypeIn(row, 3) && !edgeTypeIn(row, 4)).toList();
        List<TransactionRow> newFormat = projectEdges.stream().filter(row -> edgeTypeIn(row, 41)).toList();
        List<TransactionRow> oldFormat = projectEdges.stream()
                .filter(row -> row.metadata() == null || row.metadata().isEmpty()).toList();

        assertThat(newFormat).isNotEmpty();
        assertThat(newFormat).anyMatch(row -> row.oldValue() == null || "null".equals(row.oldValue()));
        assertThat(newFormat).anyMatch(row -> row.oldValue() != null && row.oldValue().startsWith("[\"PHID-PROJ-"));
        assertThat(oldFormat).isNotEmpty();
        assertThat(oldFormat).allMatch(row -> row.newValue().equals("[]") || row.newValue().contains("\"type\": 41"));
        assertThat(parsed.memberships).as("tasks that left a project")
                .anyMatch(interval -> interval.to() != null);
    }

    @Test
    void theFiveGlobalTagsAreProjectsAndTagTasks() {
        List<String> tagPhids = parsed.projects.stream().filter(project -> SPECIAL_TAGS.contains(project.id()))
                .map(ProjectRow::phid).toList();
        Set<String> tagged = new HashSet<>();
        parsed.taskEdges.stream().filter(edge -> edge.type() == 41).forEach(edge -> tagged.add(edge.destinationPhid()));

        assertThat(tagPhids).hasSize(SPECIAL_TAGS.size());
        assertThat(tagged).containsAll(tagPhids);
    }

    @Test
    void categoryAndGoalParentsHaveSubtaskTrees() {
        List<TaskEdge> subtaskEdges = parsed.taskEdges.stream().filter(edge -> edge.type() == 3).toList();
        Set<String> taskPhids = new HashSet<>();
        parsed.tasks.forEach(task -> taskPhids.add(task.phid()));
        Set<Integer> parents = new HashSet<>();
        subtaskEdges.forEach(edge -> parents.add(edge.taskId()));
        Set<String> categoryOrGoal = Set.of(phidOfProject(1656), phidOfProject(2169));

        assertThat(subtaskEdges).hasSizeGreaterThan(20);
        assertThat(parsed.taskEdges).as("parents tagged as category or goal")
                .anyMatch(edge -> parents.contains(edge.taskId()) && categoryOrGoal.contains(edge.destinationPhid()));
        assertThat(subtaskEdges).as("subtasks with subtasks of their own")
                .anyMatch(edge -> parents.contains(taskIdOf(edge.destinationPhid())));
        assertThat(subtaskEdges).as("private subtasks")
                .anyMatch(edge -> !taskPhids.contains(edge.destinationPhid()));
        assertThat(parsed.edgeTransactions).as("subtask edge transactions")
                .anyMatch(edge -> edgeTypeIn(edge.row(), 3));
    }

    @Test
    void tasksEndInEveryStatusAndSomeAreReopened() {
        Set<String> statuses = new HashSet<>();
        parsed.tasks.forEach(task -> statuses.add(task.statusAtLoad()));

        assertThat(statuses).contains("open", "stalled", "resolved", "declined", "invalid", "duplicate");
        assertThat(ofType("status")).anyMatch(row -> "\"resolved\"".equals(row.oldValue()) && "\"open\"".equals(row.newValue()));
    }

    @Test
    void pointsComeAsIntegersDecimalsStringsAndNothing() {
        List<String> values = ofType("points").stream().map(TransactionRow::newValue).toList();

        assertThat(values).anyMatch(value -> value != null && value.matches("\\d+"));
        assertThat(values).anyMatch(value -> value != null && value.matches("\\d+\\.\\d+"));
        assertThat(values).anyMatch(value -> value != null && value.matches("\"\\d+\""));
        assertThat(values).anyMatch(value -> value == null || value.equals("null"));
        assertThat(parsed.tasks).anyMatch(task -> task.pointsAtLoad() != null);
    }

    @Test
    void tasksMoveBetweenColumnsOnManyBoards() throws IOException {
        Set<String> projectPhids = new HashSet<>();
        parsed.projects.forEach(project -> projectPhids.add(project.phid()));
        Set<String> boards = new HashSet<>();
        int movesWithinABoard = 0;
        for (TransactionRow row : ofType("core:columns")) {
            for (JsonNode move : JSON.readTree(row.newValue())) {
                boards.add(move.get("boardPHID").asText());
                movesWithinABoard += move.get("fromColumnPHIDs").isEmpty() ? 0 : 1;
            }
        }

        assertThat(boards).hasSizeGreaterThan(10);
        assertThat(projectPhids).containsAll(boards);
        assertThat(movesWithinABoard).isGreaterThan(TASKS);
        assertThat(parsed.columns).as("a column whose project is not in the dump")
                .anyMatch(column -> !projectPhids.contains(column.projectPhid()));
    }

    @Test
    void deliberateDamageIsRecordedAsDefects() {
        assertThat(defects.count(Defect.EMPTY_INFO)).isPositive();
        assertThat(defects.count(Defect.MALFORMED_VALUE)).isPositive();
        assertThat(defects.count(Defect.NON_NUMERIC_POINTS)).isPositive();
        assertThat(defects.count(Defect.BAD_TRANSACTION_ID)).isPositive();
        assertThat(defects.count(Defect.DUPLICATE_TRANSACTION_ID)).isPositive();
        assertThat(defects.count(Defect.TRANSACTION_TYPE_MISMATCH)).isPositive();
        assertThat(allTransactions()).as("ids beyond 32 bits").anyMatch(row -> row.id() > Integer.MAX_VALUE);
    }

    @Test
    void everythingHappensInTheThreeYearsBeforeTheAsOfDate() {
        Instant threeYearsEarlier = AS_OF_MIDNIGHT.minusSeconds(3 * 366 * 86_400L);
        List<Instant> times = new ArrayList<>();
        allTransactions().forEach(row -> times.addAll(List.of(row.dateCreated(), row.dateModified())));
        parsed.tasks.stream().filter(task -> task.dateCreated() != null)
                .forEach(task -> times.addAll(List.of(task.dateCreated(), task.dateModified())));
        parsed.projects.forEach(project -> times.addAll(List.of(project.dateCreated(), project.dateModified())));
        parsed.columns.forEach(column -> times.addAll(List.of(column.dateCreated(), column.dateModified())));

        assertThat(times).hasSizeGreaterThan(2 * TASKS).allMatch(time -> !time.isAfter(AS_OF_MIDNIGHT));
        assertThat(summary.latestChange()).isBefore(AS_OF_MIDNIGHT).isAfter(AS_OF_MIDNIGHT.minusSeconds(86_400));
        assertThat(parsed.tasks).filteredOn(task -> task.dateCreated() != null)
                .allMatch(task -> task.dateCreated().isAfter(threeYearsEarlier));
    }

    private static byte[] generate(SampleDumpGenerator.Settings settings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SampleDumpGenerator(settings).writeTo(out);
        return out.toByteArray();
    }

    private static Stream<TransactionRow> allTransactions() {
        return Stream.concat(parsed.transactions.stream(), parsed.edgeTransactions.stream().map(EdgeTransaction::row));
    }

    private static List<TransactionRow> ofType(String type) {
        return parsed.transactions.stream().filter(row -> type.equals(row.type())).toList();
    }

    private static boolean edgeTypeIn(TransactionRow row, int edgeType) {
        return row.metadata() != null && Pattern.matches("\\{\"edge:type\": ?" + edgeType + "}", row.metadata());
    }

    private static String phidOfProject(int id) {
        return parsed.projects.stream().filter(project -> project.id() == id).findFirst().orElseThrow().phid();
    }

    private static Integer taskIdOf(String phid) {
        return parsed.tasks.stream().filter(task -> phid.equals(task.phid())).map(TaskRow::id).findFirst().orElse(null);
    }

    private static final class RecordingSink implements DumpSink {
        final List<ProjectRow> projects = new ArrayList<>();
        final List<ColumnRow> columns = new ArrayList<>();
        final List<TaskRow> tasks = new ArrayList<>();
        final List<TransactionRow> transactions = new ArrayList<>();
        final List<EdgeTransaction> edgeTransactions = new ArrayList<>();
        final List<MembershipInterval> memberships = new ArrayList<>();
        final List<TaskEdge> taskEdges = new ArrayList<>();

        @Override
        public void project(ProjectRow project) {
            projects.add(project);
        }

        @Override
        public void column(ColumnRow column) {
            columns.add(column);
        }

        @Override
        public void task(TaskRow task) {
            tasks.add(task);
        }

        @Override
        public void transaction(TransactionRow transaction) {
            transactions.add(transaction);
        }

        @Override
        public void edgeTransaction(EdgeTransaction transaction) {
            edgeTransactions.add(transaction);
        }

        @Override
        public void membership(MembershipInterval interval) {
            memberships.add(interval);
        }

        @Override
        public void taskEdge(TaskEdge edge) {
            taskEdges.add(edge);
        }
    }
}
