package org.wikimedia.phlogiston.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.ReferenceRun;
import org.wikimedia.phlogiston.StoredChecksums;
import org.wikimedia.phlogiston.benchmark.conduit.DumpAsConduit;
import org.wikimedia.phlogiston.benchmark.conduit.RecordingSink;
import org.wikimedia.phlogiston.benchmark.conduit.TestConduitServer;
import org.wikimedia.phlogiston.cli.PhlogistonCommand;
import org.wikimedia.phlogiston.dump.DumpRows.ProjectRow;
import org.wikimedia.phlogiston.dump.DumpRows.TaskEdge;
import org.wikimedia.phlogiston.dump.DumpRows.TaskRow;
import org.wikimedia.phlogiston.sampledata.SampleDumpGenerator;

/**
 * {@code phlogiston load --source conduit} against a Conduit server run by the test, serving a 300-task sample dump
 * as Phorge would answer for it ({@link DumpAsConduit}), in pages of 50: what it publishes, how an interrupted fetch
 * goes on, what a second fetch asks for, the projects setting, and that the token is never stored or shown.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConduitLoadTest extends DatabaseTest {

    private static final String TOKEN = "api-l0adl0adl0adl0adl0adl0adl0ad";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> PUBLISHED_TABLES = List.of("phabricator_project", "phabricator_column", "maniphest_task",
            "maniphest_transaction", "task_project_interval", "maniphest_task_tag", "maniphest_blocked");
    private static final int PAGE_SIZE = 50;
    /** After everything in the sample (which ends on 2026-11-20); the clock is noon UTC of it. */
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 12, 1);

    private static byte[] sample;

    @TempDir
    Path dir;

    private TestConduitServer server;
    private Path tokenFile;

    @BeforeAll
    static void generateTheSample() throws IOException {
        sample = sampleDump();
    }

    /** The 300-task sample dump (ending on 2026-11-20) that the Conduit load tests serve. */
    static byte[] sampleDump() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SampleDumpGenerator(new SampleDumpGenerator.Settings(300, 20261204L, LocalDate.of(2026, 11, 20))).writeTo(out);
        return out.toByteArray();
    }

    @BeforeEach
    void serveTheSampleAndForgetEarlierLoads() throws IOException {
        jdbc.execute("TRUNCATE dump_load, conduit_task, conduit_project_section, conduit_fetch CASCADE");
        server = new TestConduitServer(TOKEN);
        new DumpAsConduit(sample).serveOn(server);
        tokenFile = tokenFile(dir, TOKEN);
    }

    @AfterEach
    void stopTheServer() {
        server.close();
    }

    @Test
    void aFirstLoadPublishesWhatTheFetchedDocumentGivesLoadedAsADump(CapturedOutput output) throws IOException {
        assertThat(phlogiston(FIRST_DAY, settings(""), "load", "--source", "conduit")).as(output.getErr()).isZero();
        String source = "conduit:http://localhost:" + server.url().getPort();
        assertThat(output.getOut()).contains("Loaded " + source + " (load #");

        Map<String, Object> load = jdbc.queryForMap("SELECT id, source, outcome FROM dump_load ORDER BY id DESC LIMIT 1");
        assertThat(load).containsEntry("source", source).containsEntry("outcome", "loaded");
        int servedTasks = servedTaskIds(sample).size();
        Map<String, Object> fetch = jdbc.queryForMap("SELECT * FROM conduit_fetch");
        assertThat(fetch).containsEntry("outcome", "published").containsEntry("url", "http://localhost:" + server.url().getPort())
                .containsEntry("modified_since", null).containsEntry("load_id", load.get("id"))
                .containsEntry("requests", (long) server.requests().size())
                .containsEntry("tasks_fetched", (long) servedTasks);
        assertThat(fetch.get("transactions_fetched")).isEqualTo(transactionsIn(jdbc.queryForList("SELECT body FROM conduit_task", String.class)));
        assertThat(count("conduit_task")).isEqualTo(servedTasks);
        assertThat(count("conduit_fetched_task")).isZero();
        assertThat(count("maniphest_task")).isEqualTo(servedTasks);
        try (var composed = Files.list(Path.of(DATA_DIR, "dumps"))) {
            assertThat(composed.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.startsWith("conduit-fetch-"));
        }
        Map<String, String> throughConduit = publishedTables();

        // the same document, read through another reader and loaded as a dump file, publishes the same rows
        Path document = dir.resolve("fetched.dump");
        try (TestConduitServer again = new TestConduitServer(TOKEN); OutputStream out = Files.newOutputStream(document)) {
            new DumpAsConduit(sample).serveOn(again);
            ConduitReader reader = new ConduitReader(again.client(TOKEN, new FakeTime()), JSON, PAGE_SIZE);
            ReadThroughConduit.write(reader, out);
        }
        assertThat(phlogiston(FIRST_DAY, settings(""), "load", "--dump", document.toString())).as(output.getErr()).isZero();
        assertThat(publishedTables()).isEqualTo(throughConduit);
    }

    @Test
    void anInterruptedFetchGoesOnWhereItStopped(CapturedOutput output) throws IOException {
        assertThat(phlogiston(FIRST_DAY, settings(""), "load", "--source", "conduit")).as(output.getErr()).isZero();
        Map<String, String> firstLoad = publishedTables();
        List<Integer> ids = servedTaskIds(sample);
        String stopsAfter = String.valueOf(ids.get(3 * PAGE_SIZE - 1));
        server.failWhile(request -> isTaskPage(request) && stopsAfter.equals(request.params().path("after").asText()), 503);
        int before = server.requests().size();

        int outLength = output.getOut().length();
        assertThat(phlogiston(FIRST_DAY, settings(""), "load", "--source", "conduit", "--force")).isEqualTo(1);
        assertThat(output.getOut().substring(outLength)).contains("The load failed", "maniphest.search", "failed 2 times",
                "HTTP 503", "the next load from Conduit goes on from there", "the data loaded before is untouched");
        assertThat(publishedTables()).isEqualTo(firstLoad);
        Map<String, Object> stopped = jdbc.queryForMap("SELECT * FROM conduit_fetch ORDER BY id DESC LIMIT 1");
        assertThat(stopped).containsEntry("outcome", "fetching").containsEntry("cursor", stopsAfter)
                .containsEntry("project_index", 0).containsEntry("modified_since", null)
                .containsEntry("tasks_fetched", (long) 3 * PAGE_SIZE);
        assertThat(count("conduit_fetched_task")).isEqualTo(3 * PAGE_SIZE);
        assertThat(count("conduit_task")).isEqualTo(ids.size());

        server.stopFailing();
        int resumedAt = server.requests().size();
        assertThat(phlogiston(FIRST_DAY, settings(""), "load", "--source", "conduit")).as(output.getErr()).isZero();
        List<TestConduitServer.Request> resumed = server.requests().subList(resumedAt, server.requests().size());
        List<String> pagesAsked = resumed.stream().filter(ConduitLoadTest::isTaskPage)
                .map(request -> request.params().path("after").asText(null)).toList();
        List<String> pagesLeft = new ArrayList<>();
        for (int page = 3; page * PAGE_SIZE < ids.size(); page++) {
            pagesLeft.add(String.valueOf(ids.get(page * PAGE_SIZE - 1)));
        }
        assertThat(pagesLeft).hasSizeGreaterThan(1);
        assertThat(pagesAsked).containsExactlyElementsOf(pagesLeft);
        assertThat(publishedTables()).isEqualTo(firstLoad);
        Map<String, Object> published = jdbc.queryForMap("SELECT * FROM conduit_fetch ORDER BY id DESC LIMIT 1");
        assertThat(published).containsEntry("id", stopped.get("id")).containsEntry("outcome", "published")
                .containsEntry("requests", (long) server.requests().size() - before)
                .containsEntry("tasks_fetched", (long) ids.size());
        assertThat(count("conduit_fetched_task")).isZero();
    }

    @Test
    void aSecondFetchAsksOnlyForTheTasksChangedSinceTheFirst(CapturedOutput output) throws IOException {
        assertThat(phlogiston(FIRST_DAY, settings(""), "load", "--source", "conduit")).as(output.getErr()).isZero();
        List<Integer> ids = servedTaskIds(sample);
        List<Integer> changed = List.of(ids.get(10), ids.get(150), ids.get(ids.size() - 1));
        Instant firstStart = FIRST_DAY.atTime(12, 0).toInstant(ZoneOffset.UTC);
        Instant changedAt = firstStart.plus(Duration.ofHours(3));
        Map<Integer, String> unchangedTasks = tasksExcept(changed);
        new DumpAsConduit(withResolved(sample, changed, changedAt)).serveOn(server);
        int secondAt = server.requests().size();

        // phlogiston.source: conduit makes it the source of a plain load
        assertThat(phlogiston(FIRST_DAY.plusDays(1), settings("  source: conduit\n"), "load")).as(output.getErr()).isZero();
        List<TestConduitServer.Request> second = server.requests().subList(secondAt, server.requests().size());
        Instant since = firstStart.minus(Duration.ofMinutes(10));
        assertThat(second.stream().filter(request -> request.method().equals("maniphest.search")))
                .allSatisfy(request -> assertThat(request.params().path("constraints").path("modifiedStart").asLong())
                        .isEqualTo(since.getEpochSecond()));
        Map<Integer, String> phids = taskPhids(sample);
        assertThat(second.stream().filter(request -> request.method().equals("transaction.search"))
                .map(request -> request.params().path("objectIdentifier").asText()).collect(Collectors.toSet()))
                .isEqualTo(changed.stream().map(phids::get).collect(Collectors.toSet()));
        assertThat(jdbc.queryForList("SELECT id FROM maniphest_task WHERE status_at_load = 'resolved' AND date_modified = ? ORDER BY id",
                Integer.class, Timestamp.from(changedAt))).containsExactlyElementsOf(changed);
        assertThat(jdbc.queryForList("SELECT task_id FROM maniphest_transaction WHERE date_modified = ? ORDER BY task_id",
                Integer.class, Timestamp.from(changedAt))).containsExactlyElementsOf(changed);
        assertThat(tasksExcept(changed)).isEqualTo(unchangedTasks);
        assertThat(jdbc.queryForMap("SELECT modified_since, tasks_fetched, outcome FROM conduit_fetch ORDER BY id DESC LIMIT 1"))
                .containsEntry("modified_since", Timestamp.from(since)).containsEntry("tasks_fetched", 3L)
                .containsEntry("outcome", "published");

        // nothing changed since: the fetch gets no task, and nothing is loaded
        Map<String, String> loaded = publishedTables();
        int outLength = output.getOut().length();
        assertThat(phlogiston(FIRST_DAY.plusDays(2), settings("  source: conduit\n"), "load")).as(output.getErr()).isZero();
        assertThat(output.getOut().substring(outLength)).contains("Nothing changed: no task on http://localhost:");
        assertThat(jdbc.queryForObject("SELECT outcome FROM conduit_fetch ORDER BY id DESC LIMIT 1", String.class)).isEqualTo("unchanged");
        assertThat(jdbc.queryForObject("SELECT outcome FROM dump_load ORDER BY id DESC LIMIT 1", String.class)).isEqualTo("unchanged");
        assertThat(publishedTables()).isEqualTo(loaded);
    }

    @Test
    void runLoadsFromTheConfiguredSource(CapturedOutput output) throws IOException {
        Path scopes = dir.resolve("scopes");
        FileSystemUtils.copyRecursively(ReferenceRun.DIR.resolve("scopes"), scopes);
        Path settings = settings("  source: conduit\n");
        String[] run = {"--scopes-dir", scopes.toString(), "--output-dir", dir.resolve("reports").toString(),
                "run", "--mode", "incremental", "--scope", "alp", "--load", "true"};

        int outLength = output.getOut().length();
        assertThat(phlogiston(FIRST_DAY, settings, concat(run, "--dry-run"))).as(output.getErr()).isZero();
        assertThat(output.getOut().substring(outLength))
                .contains("Load: conduit:http://localhost:" + server.url().getPort() + ": a load would fetch every task");
        assertThat(server.requests()).isEmpty();

        phlogiston(FIRST_DAY, settings, run);
        assertThat(jdbc.queryForMap("SELECT source, outcome FROM dump_load ORDER BY id DESC LIMIT 1"))
                .containsEntry("source", "conduit:http://localhost:" + server.url().getPort()).containsEntry("outcome", "loaded");
        assertThat(jdbc.queryForObject("SELECT outcome FROM conduit_fetch", String.class)).isEqualTo("published");
    }

    private static String[] concat(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void aFetchThatFailsItsChecksLeavesTheMirrorAndIsComposedAgainByTheNextLoad(CapturedOutput output) throws IOException {
        assertThat(phlogiston(FIRST_DAY, settings(""), "load", "--source", "conduit")).as(output.getErr()).isZero();
        Map<String, String> loaded = publishedTables();
        Path oneProject = settings("    projects: [\"" + biggestProject(new DumpAsConduit(sample).dumpRows()).name() + "\"]\n");

        int outLength = output.getOut().length();
        assertThat(phlogiston(FIRST_DAY, oneProject, "load", "--source", "conduit")).isEqualTo(1);
        assertThat(output.getOut().substring(outLength)).contains("check \"task count\" failed");
        assertThat(publishedTables()).isEqualTo(loaded);
        assertThat(count("conduit_task")).isEqualTo(servedTaskIds(sample).size());
        Map<String, Object> fetch = jdbc.queryForMap("SELECT * FROM conduit_fetch ORDER BY id DESC LIMIT 1");
        assertThat(fetch).containsEntry("outcome", "fetching").containsEntry("project_index", 1).containsEntry("cursor", null)
                .containsEntry("modified_since", null);
        long fetched = count("conduit_fetched_task");
        assertThat(fetched).isEqualTo((Long) fetch.get("tasks_fetched")).isPositive();
        try (var composed = Files.list(Path.of(DATA_DIR, "dumps"))) {
            assertThat(composed.map(Path::getFileName).map(Path::toString)).noneMatch(file -> file.startsWith("conduit-fetch-"));
        }

        // every page is in: the next load composes the same dump again without asking for a task
        int again = server.requests().size();
        assertThat(phlogiston(FIRST_DAY, oneProject, "load", "--source", "conduit")).isEqualTo(1);
        assertThat(server.requests().subList(again, server.requests().size())).noneMatch(request -> request.method().startsWith("maniphest."));
        assertThat(jdbc.queryForObject("SELECT max(id) FROM conduit_fetch", Long.class)).isEqualTo(fetch.get("id"));
        assertThat(count("conduit_fetched_task")).isEqualTo(fetched);
        assertThat(publishedTables()).isEqualTo(loaded);
    }

    @Test
    void theProjectsSettingFetchesOnlyTheirTasks(CapturedOutput output) throws IOException {
        RecordingSink rows = new DumpAsConduit(sample).dumpRows();
        ProjectRow biggest = biggestProject(rows);
        String phid = biggest.phid();
        String name = biggest.name();
        assertThat(phlogiston(FIRST_DAY, settings("    projects: [\"" + name + "\"]\n"), "load", "--source", "conduit"))
                .as(output.getErr()).isZero();
        assertThat(server.requests().stream().filter(ConduitLoadTest::isTaskPage))
                .allSatisfy(request -> assertThat(request.params().path("constraints").path("projects").toString())
                        .isEqualTo("[\"" + phid + "\"]"));
        Set<Integer> inProject = rows.of(TaskEdge.class).stream().filter(edge -> edge.type() == 41 && edge.destinationPhid().equals(phid))
                .map(TaskEdge::taskId).collect(Collectors.toSet());
        List<Integer> tagged = servedTaskIds(sample).stream().filter(inProject::contains).toList();
        assertThat(tagged).isNotEmpty().hasSizeLessThan(servedTaskIds(sample).size());
        assertThat(jdbc.queryForList("SELECT task_id FROM conduit_task ORDER BY task_id", Integer.class)).containsExactlyElementsOf(tagged);
        assertThat(jdbc.queryForList("SELECT id FROM maniphest_task ORDER BY id", Integer.class)).containsExactlyElementsOf(tagged);

        int outLength = output.getOut().length();
        assertThat(phlogiston(FIRST_DAY, settings("    projects: [\"No-Such-Team\"]\n"), "load", "--source", "conduit")).isEqualTo(1);
        assertThat(output.getOut().substring(outLength)).contains("phlogiston.conduit.projects names the project \"No-Such-Team\"");
    }

    @Test
    void theTokenIsNeitherStoredNorShown(CapturedOutput output) throws IOException {
        assertThat(phlogiston(FIRST_DAY, settings(""), "load", "--source", "conduit")).as(output.getErr()).isZero();
        server.failWhile(ConduitLoadTest::isTaskPage, 500);
        assertThat(phlogiston(FIRST_DAY, settings(""), "load", "--source", "conduit", "--force")).isEqualTo(1);
        List<String> tables = jdbc.queryForList("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'", String.class);
        assertThat(tables).contains("dump_load", "conduit_fetch", "batch_job_execution_params", "batch_job_execution_context",
                "batch_step_execution_context", "run_registry");
        for (String table : tables) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table + " t WHERE t::text LIKE ?", Long.class, "%" + TOKEN + "%"))
                    .as(table).isZero();
        }
        assertThat(output.getAll()).doesNotContain(TOKEN).contains("HTTP 500");
    }

    @Test
    void withoutAnAddressOrATokenTheLoadSaysWhichSettingIsMissing(CapturedOutput output) throws IOException {
        Path noUrl = Files.writeString(dir.resolve("no-url.yml"), "phlogiston:\n  conduit:\n    token-file: " + tokenFile + "\n");
        assertThat(phlogiston(FIRST_DAY, noUrl, "load", "--source", "conduit")).isEqualTo(64);
        assertThat(output.getErr()).contains("set phlogiston.conduit.url");
        Path noToken = Files.writeString(dir.resolve("no-token.yml"), "phlogiston:\n  conduit:\n    url: " + server.url() + "\n"
                + "    token-file: " + dir.resolve("missing.token") + "\n");
        assertThat(phlogiston(FIRST_DAY, noToken, "load", "--source", "conduit")).isEqualTo(64);
        assertThat(output.getErr()).contains("The Conduit token file " + dir.resolve("missing.token") + " does not exist");
        assertThat(phlogiston(FIRST_DAY, settings(""), "load", "--source", "conduit", "--dump", "sample")).isEqualTo(64);
        assertThat(output.getErr()).contains("cannot go with --source conduit");
        assertThat(count("dump_load")).isZero();
        assertThat(server.requests()).isEmpty();
    }

    private int phlogiston(LocalDate asOf, Path settings, String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", DATA_DIR, "--as-of", asOf.toString(), "--config", settings.toString()));
        all.addAll(List.of(args));
        return PhlogistonCommand.execute(all.toArray(String[]::new));
    }

    /** Settings for the test server (no pacing, no waits, two attempts), with {@code more} lines. */
    private Path settings(String more) throws IOException {
        boolean source = more.startsWith("  source");
        return settingsFile(dir.resolve("conduit-" + System.nanoTime() + ".yml"), server, tokenFile, PAGE_SIZE,
                source ? more : "", source ? "" : more);
    }

    /** {@code token} in a file that only its owner may read, as a token file must be. */
    static Path tokenFile(Path dir, String token) throws IOException {
        Path tokenFile = Files.writeString(dir.resolve("conduit.token"), token + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        return tokenFile;
    }

    /**
     * Settings of a load from {@code server} with the token in {@code tokenFile}: no pacing, pages of {@code pageSize},
     * two attempts without backoff; {@code phlogiston} holds more settings of phlogiston, {@code conduit} of its conduit.
     */
    static Path settingsFile(Path file, TestConduitServer server, Path tokenFile, int pageSize, String phlogiston, String conduit)
            throws IOException {
        return Files.writeString(file, "phlogiston:\n" + phlogiston + "  conduit:\n"
                + "    url: " + server.url() + "\n"
                + "    token-file: " + tokenFile + "\n"
                + "    request-interval: 0s\n    page-size: " + pageSize + "\n    attempts: 2\n"
                + "    first-backoff: 0s\n    max-backoff: 0s\n"
                + conduit);
    }

    static boolean isTaskPage(TestConduitServer.Request request) {
        return request.method().equals("maniphest.search") && "oldest".equals(request.params().path("order").asText());
    }

    private Map<String, String> publishedTables() {
        return publishedTables(jdbc);
    }

    /** The checksums of the tables a load publishes, by table. */
    static Map<String, String> publishedTables(JdbcTemplate jdbc) {
        return new TreeMap<>(StoredChecksums.ofTables(jdbc).entrySet().stream().filter(e -> PUBLISHED_TABLES.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** The published task rows, by id, but those of {@code except}. */
    private Map<Integer, String> tasksExcept(List<Integer> except) {
        Map<Integer, String> rows = new TreeMap<>();
        jdbc.query("SELECT id, t::text AS row FROM maniphest_task t", rs -> {
            if (!except.contains(rs.getInt("id"))) {
                rows.put(rs.getInt("id"), rs.getString("row"));
            }
        });
        return rows;
    }

    /** The project with the most tasks. */
    private static ProjectRow biggestProject(RecordingSink rows) {
        String phid = rows.of(TaskEdge.class).stream().filter(edge -> edge.type() == 41)
                .collect(Collectors.groupingBy(TaskEdge::destinationPhid, Collectors.counting())).entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return rows.of(ProjectRow.class).stream().filter(project -> project.phid().equals(phid)).findFirst().orElseThrow();
    }

    /** The ids of the tasks the install serves (the dump's tasks with a PHID), in order. */
    static List<Integer> servedTaskIds(byte[] dump) throws IOException {
        return new DumpAsConduit(dump).dumpRows().of(TaskRow.class).stream().filter(task -> task.phid() != null)
                .map(TaskRow::id).sorted().toList();
    }

    private static Map<Integer, String> taskPhids(byte[] dump) throws IOException {
        return new DumpAsConduit(dump).dumpRows().of(TaskRow.class).stream().filter(task -> task.phid() != null)
                .collect(Collectors.toMap(TaskRow::id, TaskRow::phid));
    }

    /** The transaction rows in task bodies as the dump holds them. */
    static long transactionsIn(List<String> bodies) throws IOException {
        long rows = 0;
        for (String body : bodies) {
            for (JsonNode ofType : JSON.readTree(body).path("transactions")) {
                rows += ofType.size();
            }
        }
        return rows;
    }

    /** The dump with {@code tasks} resolved at {@code at}: a status transaction, the status and the date modified. */
    private static byte[] withResolved(byte[] dump, List<Integer> tasks, Instant at) throws IOException {
        ObjectNode document = (ObjectNode) JSON.readTree(dump);
        for (int id : tasks) {
            ObjectNode body = (ObjectNode) document.path("task").path(String.valueOf(id));
            ArrayNode info = (ArrayNode) body.get("info");
            String before = JSON.writeValueAsString(info.get(4));
            info.set(4, JSON.getNodeFactory().textNode("resolved"));
            info.set(8, JSON.getNodeFactory().numberNode(at.getEpochSecond()));
            ObjectNode transactions = (ObjectNode) body.get("transactions");
            ArrayNode status = transactions.has("status") ? (ArrayNode) transactions.get("status") : transactions.putArray("status");
            // TRANSACTION_ROW: [id, phid, authorPHID, objectPHID, commentPHID, commentVersion, type, old, new, metadata, created, modified]
            status.addArray().add(900000 + id).add("PHID-XACT-resolved" + id).add(info.get(2)).add(info.get(1)).addNull().add(0)
                    .add("status").add(before).add("\"resolved\"").add("[]").add(at.getEpochSecond()).add(at.getEpochSecond());
        }
        return JSON.writeValueAsBytes(document);
    }
}
