package org.wikimedia.phlogiston.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

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
 * for what Conduit carries: every task the dump describes has the same task row and edges (projects, subtasks);
 * every task whose history Conduit can show (no old-format project edges, no damaged values) has the same history
 * transactions, project edge changes and memberships. About half the sample's tasks have old-format edge rows,
 * whose project changes {@code transaction.search} does not show.
 */
class ConduitSampleParityTest {

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
        try (TestConduitServer server = new TestConduitServer(TOKEN)) {
            install.serveOn(server);
            ReadThroughConduit.readAll(new ConduitReader(server.client(TOKEN, new FakeTime()), JSON, ConduitReader.MAXIMUM_PAGE_SIZE),
                    new DefectLog(5), conduit);
        }

        Set<Integer> described = new HashSet<>();
        dump.of(TaskRow.class).stream().filter(task -> task.phid() != null).forEach(task -> described.add(task.id()));
        Set<Integer> shown = new HashSet<>(described);
        shown.removeAll(install.damagedTasks());
        shown.removeAll(install.oldEdgeFormatTasks());
        assertThat(shown).as("tasks whose whole history Conduit shows").hasSizeGreaterThan(dump.of(TaskRow.class).size() / 4);

        assertThat(conduit.of(ProjectRow.class)).containsExactlyElementsOf(dump.of(ProjectRow.class));
        assertThat(conduit.of(ColumnRow.class)).containsExactlyElementsOf(dump.of(ColumnRow.class));
        assertSameFor(described, TaskRow.class, TaskRow::id, dump, conduit);
        assertSameFor(described, TaskEdge.class, TaskEdge::taskId, dump, conduit);
        assertSameFor(shown, MembershipInterval.class, MembershipInterval::taskId, dump, conduit);
        assertThat(only(shown, conduit.of(TransactionRow.class), TransactionRow::taskId))
                .containsExactlyInAnyOrderElementsOf(only(shown, dump.of(TransactionRow.class), TransactionRow::taskId).stream()
                        .filter(row -> HISTORY_TYPES.contains(row.type())).map(ConduitSampleParityTest::asConduitCarriesIt).toList());
        assertThat(only(shown, conduit.of(EdgeTransaction.class), edge -> edge.row().taskId()).stream().map(ConduitSampleParityTest::change).toList())
                .containsExactlyInAnyOrderElementsOf(only(shown, dump.of(EdgeTransaction.class), edge -> edge.row().taskId()).stream()
                        .filter(ConduitSampleParityTest::changesProjects).map(ConduitSampleParityTest::change).toList());
    }

    private static <T> void assertSameFor(Set<Integer> tasks, Class<T> kind, Function<T, Integer> task,
                                          RecordingSink dump, RecordingSink conduit) {
        assertThat(only(tasks, conduit.of(kind), task)).as(kind.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(only(tasks, dump.of(kind), task));
    }

    private static <T> List<T> only(Set<Integer> tasks, List<T> rows, Function<T, Integer> task) {
        return rows.stream().filter(row -> tasks.contains(task.apply(row))).collect(Collectors.toList());
    }

    /** What a project edge change comes to: when, and the projects after it. */
    private static List<Object> change(EdgeTransaction edge) {
        return List.of(edge.row().id(), edge.row().dateModified(), edge.projectPhidsAfter());
    }

    private static boolean changesProjects(EdgeTransaction edge) {
        try {
            JsonNode metadata = DumpAsConduit.value(edge.row().metadata());
            return metadata != null && "41".equals(metadata.path("edge:type").asText());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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
