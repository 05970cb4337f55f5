package org.wikimedia.phlogiston.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.wikimedia.phlogiston.benchmark.conduit.DumpAsConduit;
import org.wikimedia.phlogiston.benchmark.conduit.RecordingSink;
import org.wikimedia.phlogiston.benchmark.conduit.TestConduitServer;
import org.wikimedia.phlogiston.dump.DefectLog;
import org.wikimedia.phlogiston.dump.DumpRows.ColumnRow;
import org.wikimedia.phlogiston.dump.DumpRows.EdgeTransaction;
import org.wikimedia.phlogiston.dump.DumpRows.MembershipInterval;
import org.wikimedia.phlogiston.dump.DumpRows.ProjectRow;
import org.wikimedia.phlogiston.dump.DumpRows.TaskEdge;
import org.wikimedia.phlogiston.dump.DumpRows.TaskRow;
import org.wikimedia.phlogiston.dump.DumpRows.TransactionRow;
import org.wikimedia.phlogiston.sampledata.SampleDumpGenerator;

/**
 * The sample dump served through Conduit by a test server gives the rows the dump parser gives for the same dump,
 * for every task the dump describes: the same task rows and edges (projects, subtasks), history transactions,
 * edge transactions with the project set after each, and memberships. The old-format edge rows, which
 * {@code transaction.search} answers with type null, come from {@code maniphest.gettasktransactions}. What differs
 * is pinned: the rows with a value that is not JSON, which no Phorge install holds.
 */
class ConduitSampleParityTest {

    private static final int OLD_EDGE_FORMAT_TASKS = 146;
    private static final int DAMAGED_EDGE_ROWS = 1;
    private static final String TOKEN = "api-p4rityp4rityp4rityp4rityp4ri";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HISTORY_TYPES = Set.of("status", "priority", "points", "core:columns", "reassign");

    @Test
    void theSampleReadThroughConduitGivesTheDumpParsersRows() throws IOException {
        ByteArrayOutputStream sample = new ByteArrayOutputStream();
        new SampleDumpGenerator(new SampleDumpGenerator.Settings(300, 20261204L, LocalDate.of(2026, 12, 1))).writeTo(sample);
        DumpAsConduit install = new DumpAsConduit(sample.toByteArray());
        RecordingSink dump = install.dumpRows();
        RecordingSink conduit = new RecordingSink();
        Map<String, Long> requestsByMethod;
        try (TestConduitServer server = new TestConduitServer(TOKEN)) {
            install.serveOn(server);
            ReadThroughConduit.readAll(new ConduitReader(server.client(TOKEN, new FakeTime()), JSON, ConduitReader.MAXIMUM_PAGE_SIZE),
                    new DefectLog(5), conduit);
            requestsByMethod = server.requestsByMethod();
        }

        Set<Integer> described = new HashSet<>();
        dump.of(TaskRow.class).stream().filter(task -> task.phid() != null).forEach(task -> described.add(task.id()));
        assertThat(install.oldEdgeFormatTasks()).as("tasks with old-format edge rows").hasSize(OLD_EDGE_FORMAT_TASKS);

        assertThat(conduit.of(ProjectRow.class)).containsExactlyElementsOf(dump.of(ProjectRow.class));
        assertThat(conduit.of(ColumnRow.class)).containsExactlyElementsOf(dump.of(ColumnRow.class));
        assertSameFor(described, TaskRow.class, TaskRow::id, dump, conduit);
        assertSameFor(described, TaskEdge.class, TaskEdge::taskId, dump, conduit);
        assertSameFor(described, MembershipInterval.class, MembershipInterval::taskId, dump, conduit);
        List<TransactionRow> dumpHistory = only(described, dump.of(TransactionRow.class), TransactionRow::taskId).stream()
                .filter(row -> HISTORY_TYPES.contains(row.type())).toList();
        assertThat(only(described, conduit.of(TransactionRow.class), TransactionRow::taskId))
                .containsExactlyInAnyOrderElementsOf(dumpHistory.stream().map(ConduitSampleParityTest::asConduitCarriesIt).toList());
        // A damaged row (not JSON) is one no Phorge database holds; in the dump it changes no project set.
        List<EdgeTransaction> dumpEdges = only(described, dump.of(EdgeTransaction.class), edge -> edge.row().taskId());
        assertThat(dumpEdges).filteredOn(edge -> install.damagedTransactions().contains(edge.row().id()))
                .as("damaged edge rows").hasSize(DAMAGED_EDGE_ROWS);
        assertThat(only(described, conduit.of(EdgeTransaction.class), edge -> edge.row().taskId()).stream()
                .map(ConduitSampleParityTest::change).toList())
                .containsExactlyInAnyOrderElementsOf(dumpEdges.stream().filter(edge -> !install.damagedTransactions().contains(edge.row().id()))
                        .map(ConduitSampleParityTest::change).toList());

        System.out.printf("Reading the %d-task sample through Conduit: %s requests%n", described.size(), requestsByMethod);
        // One maniphest.gettasktransactions per page of tasks: every page has a task with an untyped edge row.
        assertThat(requestsByMethod).containsEntry("maniphest.gettasktransactions", (long) requestsByMethod.get("maniphest.search"));
    }

    private static <T> void assertSameFor(Set<Integer> tasks, Class<T> kind, Function<T, Integer> task,
                                          RecordingSink dump, RecordingSink conduit) {
        assertThat(only(tasks, conduit.of(kind), task)).as(kind.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(only(tasks, dump.of(kind), task));
    }

    private static <T> List<T> only(Set<Integer> tasks, List<T> rows, Function<T, Integer> task) {
        return rows.stream().filter(row -> tasks.contains(task.apply(row))).collect(Collectors.toList());
    }

    /** What an edge transaction comes to: which, when, and the projects after it. */
    private static List<Object> change(EdgeTransaction edge) {
        return List.of(edge.row().id(), edge.row().dateModified(), edge.projectPhidsAfter());
    }

    /** The row with its values as JSON re-encodes them, and no metadata: what Conduit's fields give back. */
    private static TransactionRow asConduitCarriesIt(TransactionRow row) {
        return new TransactionRow(row.id(), row.phid(), row.taskId(), row.authorPhid(), row.objectPhid(), row.type(),
                reencoded(row.oldValue()), reencoded(row.newValue()), null, row.dateCreated(), row.dateModified());
    }

    private static String reencoded(String stored) {
        try {
            JsonNode value = DumpAsConduit.value(stored);
            return value == null ? null : JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
