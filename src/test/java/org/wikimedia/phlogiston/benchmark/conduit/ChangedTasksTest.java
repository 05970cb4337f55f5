package org.wikimedia.phlogiston.benchmark.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.wikimedia.phlogiston.conduit.ConduitReader;
import org.wikimedia.phlogiston.conduit.ConduitReader.FetchedTask;
import org.wikimedia.phlogiston.dump.DumpRows.TaskRow;
import org.wikimedia.phlogiston.sampledata.SampleDumpGenerator;

/**
 * What {@code phlogiston-bench conduit} rests on: a dump's changed tasks served alone answer a fetch of the changes
 * as the whole dump does, and the requests of a full fetch counted from the dump's shape are those a full fetch makes.
 */
class ChangedTasksTest {

    private static final String TOKEN = "api-changedtaskschangedtaskschang";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);
    /** Small pages, so that projects, columns, tasks, transactions and edges all take more than one. */
    private static final int PAGE_SIZE = 7;

    private static byte[] dump;

    @BeforeAll
    static void generateTheDump() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SampleDumpGenerator(new SampleDumpGenerator.Settings(300, 20261213L, AS_OF)).writeTo(out);
        dump = out.toByteArray();
    }

    @Test
    void theChangedTasksServedAloneAnswerAFetchOfTheChangesAsTheWholeInstallDoes() throws IOException {
        Instant since = AS_OF.minusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant();
        ChangedTasks changed = DumpAsConduit.parse(new ByteArrayInputStream(dump), new ChangedTasks(since));
        List<TaskRow> allTasks = new DumpAsConduit(dump).dumpRows().of(TaskRow.class);
        List<Integer> changedIds = allTasks.stream()
                .filter(task -> task.phid() != null && task.dateModified() != null && !task.dateModified().isBefore(since))
                .map(TaskRow::id).sorted().toList();
        assertThat(changedIds).isNotEmpty().hasSizeLessThan(allTasks.size());
        assertThat(changed.rows().of(TaskRow.class)).hasSize(changedIds.size());

        Fetch whole = fetch(new DumpAsConduit(dump), new ConduitReader.TaskQuery(since, null));
        Fetch alone = fetch(new DumpAsConduit(changed.rows()), new ConduitReader.TaskQuery(since, null));
        assertThat(alone.tasks().stream().map(FetchedTask::id).toList()).isEqualTo(changedIds);
        assertThat(bodies(alone.tasks())).isEqualTo(bodies(whole.tasks()));
        assertThat(alone.requests()).isEqualTo(whole.requests());
    }

    @Test
    void theRequestsOfAFullFetchCountedFromTheDumpAreThoseItMakes() throws IOException {
        ChangedTasks shape = DumpAsConduit.parse(new ByteArrayInputStream(dump), new ChangedTasks(Instant.EPOCH));
        Fetch full = fetch(new DumpAsConduit(dump), ConduitReader.TaskQuery.all());

        Map<String, Long> counted = new TreeMap<>(shape.fullFetchRequests(PAGE_SIZE));
        counted.values().removeIf(requests -> requests == 0);
        assertThat(counted).isEqualTo(full.requests()).containsKeys("maniphest.gettasktransactions", "edge.search");
        assertThat(full.requests().get("transaction.search")).isGreaterThan(full.tasks().size());
        assertThat(shape.servedTasks()).isEqualTo(full.tasks().size());
    }

    private record Fetch(List<FetchedTask> tasks, Map<String, Long> requests) {
    }

    private static Fetch fetch(DumpAsConduit install, ConduitReader.TaskQuery query) throws IOException {
        try (TestConduitServer server = new TestConduitServer(TOKEN)) {
            install.serveOn(server);
            List<FetchedTask> tasks = LoadFetch.fetch(new ConduitReader(server.client(TOKEN), JSON, PAGE_SIZE), query);
            return new Fetch(tasks, server.requestsByMethod());
        }
    }

    private static List<String> bodies(List<FetchedTask> tasks) {
        return tasks.stream().map(task -> task.body().toString()).toList();
    }
}
