package org.wikimedia.phlogiston.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.PhlogistonApplication;
import org.wikimedia.phlogiston.benchmark.conduit.DumpAsConduit;
import org.wikimedia.phlogiston.benchmark.conduit.TestConduitServer;
import org.wikimedia.phlogiston.cli.PhlogistonCommand;

/**
 * A first {@code phlogiston load --source conduit} whose process is killed (SIGKILL) in the middle of its fetch: the
 * test server holds the request for the fourth page of tasks unanswered, and the test kills the process once that
 * request has come. The kill leaves the three pages fetched, and nothing published; the next load goes on from the
 * third page's cursor and publishes what an uninterrupted fetch publishes, and the killed load is shown failed.
 */
class ConduitKillTest extends DatabaseTest {

    private static final String TOKEN = "api-k1llk1llk1llk1llk1llk1llk1ll";
    private static final List<String> PUBLISHED_TABLES = ConduitLoadTest.PUBLISHED_TABLES;
    private static final int PAGE_SIZE = 50;
    private static final int PAGES_BEFORE_THE_KILL = 3;
    private static final LocalDate AS_OF = LocalDate.of(2026, 12, 1);

    @Autowired
    HikariDataSource pool;

    @TempDir
    Path dir;

    private TestConduitServer server;

    @AfterEach
    void stopTheServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aLoadKilledInTheMiddleOfItsFetchGoesOnFromItsLastPageAndPublishesWhatAnUninterruptedOneDoes() throws Exception {
        byte[] sample = ConduitLoadTest.sampleDump();
        server = new TestConduitServer(TOKEN);
        new DumpAsConduit(sample).serveOn(server);
        Path settings = ConduitLoadTest.settingsFile(dir.resolve("conduit.yml"), server, ConduitLoadTest.tokenFile(dir, TOKEN),
                PAGE_SIZE, "", "");
        List<Integer> ids = ConduitLoadTest.servedTaskIds(sample);
        String lastKept = String.valueOf(ids.get(PAGES_BEFORE_THE_KILL * PAGE_SIZE - 1));
        CompletableFuture<TestConduitServer.Request> held = server.hold(request -> ConduitLoadTest.isTaskPage(request)
                && lastKept.equals(request.params().path("after").asText()));

        Path log = dir.resolve("killed-load.log");
        Process killed = new ProcessBuilder(childCommandLine(settings)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            CompletableFuture.anyOf(held, killed.onExit()).join();
            assertThat(held).as(() -> "the load ended before asking for page " + (PAGES_BEFORE_THE_KILL + 1) + ":\n" + read(log))
                    .isDone();
        } finally {
            killed.destroyForcibly().waitFor();
        }
        assertThat(killed.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        // what the kill left: the pages fetched, the fetch's cursor after them, nothing published
        long killedLoad = jdbc.queryForObject("SELECT id FROM dump_load", Long.class);
        Map<String, Object> stopped = jdbc.queryForMap("SELECT id, outcome, cursor, project_index, modified_since, tasks_fetched, load_id "
                + "FROM conduit_fetch");
        assertThat(stopped).containsEntry("outcome", "fetching").containsEntry("cursor", lastKept)
                .containsEntry("project_index", 0).containsEntry("modified_since", null)
                .containsEntry("tasks_fetched", (long) PAGES_BEFORE_THE_KILL * PAGE_SIZE).containsEntry("load_id", killedLoad);
        assertThat(jdbc.queryForList("SELECT task_id FROM conduit_fetched_task ORDER BY task_id", Integer.class))
                .containsExactlyElementsOf(ids.subList(0, PAGES_BEFORE_THE_KILL * PAGE_SIZE));
        for (String table : PUBLISHED_TABLES) {
            assertThat(count(table)).as(table).isZero();
        }
        assertThat(count("conduit_task")).isZero();
        assertThat(jdbc.queryForObject("SELECT outcome FROM dump_load", String.class)).isEqualTo("running");
        assertThat(composedDocuments(dir.resolve("data"))).isEmpty();

        int resumedAt = server.requests().size();
        assertThat(phlogiston(settings, "load", "--source", "conduit")).isZero();
        List<String> pagesAsked = server.requests().subList(resumedAt, server.requests().size()).stream()
                .filter(ConduitLoadTest::isTaskPage).map(request -> request.params().path("after").asText(null)).toList();
        List<String> pagesLeft = new ArrayList<>();
        for (int page = PAGES_BEFORE_THE_KILL; page * PAGE_SIZE < ids.size(); page++) {
            pagesLeft.add(String.valueOf(ids.get(page * PAGE_SIZE - 1)));
        }
        assertThat(pagesAsked).containsExactlyElementsOf(pagesLeft);
        assertThat(jdbc.queryForMap("SELECT id, outcome, tasks_fetched FROM conduit_fetch"))
                .containsEntry("id", stopped.get("id")).containsEntry("outcome", "published").containsEntry("tasks_fetched", (long) ids.size());
        assertThat(count("conduit_fetched_task")).isZero();
        assertThat(count("maniphest_task")).isEqualTo(ids.size());
        assertThat(jdbc.queryForObject("SELECT outcome FROM dump_load WHERE id = ?", String.class, killedLoad)).isEqualTo("failed");
        assertThat(jdbc.queryForObject("SELECT message FROM dump_load WHERE id = ?", String.class, killedLoad))
                .contains("killed or crashed: its process (pid " + killed.pid());
        Map<String, String> resumed = ConduitLoadTest.publishedTables(jdbc);

        // the same install fetched without a kill, on a database that has never loaded, publishes the same rows
        jdbc.execute("TRUNCATE dump_load, conduit_task, conduit_project_section, conduit_fetch, " + String.join(", ", PUBLISHED_TABLES)
                + " CASCADE");
        assertThat(phlogiston(settings, "load", "--source", "conduit")).isZero();
        assertThat(jdbc.queryForObject("SELECT outcome FROM dump_load", String.class)).isEqualTo("loaded");
        assertThat(ConduitLoadTest.publishedTables(jdbc)).isEqualTo(resumed);
    }

    /** Settings for the test server, pages of {@value #PAGE_SIZE}, no pacing; the token in a file only its owner reads. */
    /** The killed load's command line: a process of its own, on this test's database. */
    private List<String> childCommandLine(Path settings) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), PhlogistonApplication.class.getName()));
        command.addAll(options(settings));
        command.addAll(List.of("load", "--source", "conduit"));
        return command;
    }

    private List<String> options(Path settings) {
        List<String> options = new ArrayList<>(List.of("--db-url", pool.getJdbcUrl(), "--db-user", pool.getUsername(),
                "--data-dir", dir.resolve("data").toString(), "--as-of", AS_OF.toString(), "--config", settings.toString()));
        if (pool.getPassword() != null) {
            options.addAll(List.of("--db-password", pool.getPassword()));
        }
        return options;
    }

    private int phlogiston(Path settings, String... args) {
        List<String> all = new ArrayList<>(options(settings));
        all.addAll(List.of(args));
        return PhlogistonCommand.execute(all.toArray(String[]::new));
    }

    private static List<Path> composedDocuments(Path dataDir) throws IOException {
        Path dumps = dataDir.resolve("dumps");
        if (!Files.isDirectory(dumps)) {
            return List.of();
        }
        try (var files = Files.list(dumps)) {
            return files.filter(file -> file.getFileName().toString().startsWith("conduit-fetch-")).toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e.getMessage() + ")";
        }
    }
}
