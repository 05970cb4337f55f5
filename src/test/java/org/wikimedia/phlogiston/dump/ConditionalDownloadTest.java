package org.wikimedia.phlogiston.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.PhlogistonProperties;

/** Downloads from a local HTTP server that answers like dumps.wikimedia.org: ETag, Last-Modified, 304. */
@TestPropertySource(properties = "phlogiston.dump.max-size=1MB")
class ConditionalDownloadTest extends DatabaseTest {

    @Autowired
    DumpLoader loader;

    @Autowired
    LoadHistory history;

    @Autowired
    PhlogistonProperties properties;

    private HttpServer server;
    private final List<String> conditionsReceived = new ArrayList<>();
    private volatile byte[] body;
    private volatile String etag;

    @BeforeEach
    void startServer() throws IOException {
        jdbc.execute("TRUNCATE dump_load");
        body = DumpLoadTest.tenTasks().json().getBytes(StandardCharsets.UTF_8);
        etag = "\"v1\"";
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/phabricator_public.dump", this::serveDump);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void serveDump(HttpExchange exchange) throws IOException {
        String condition = exchange.getRequestHeaders().getFirst("If-None-Match");
        conditionsReceived.add(String.valueOf(condition));
        if (etag != null && etag.equals(condition)) {
            exchange.sendResponseHeaders(304, -1);
        } else {
            if (etag != null) {
                exchange.getResponseHeaders().add("ETag", etag);
            }
            exchange.getResponseHeaders().add("Last-Modified", "Sun, 15 Mar 2019 00:00:00 GMT");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/phabricator_public.dump";
    }

    private Path kept() {
        return properties.dumpDir().resolve("phabricator_public.dump");
    }

    @Test
    void aNotModifiedAnswerMeansNoFresherDumpAndTouchesNothing() throws IOException {
        assertThat(loader.load(url(), false).outcome()).isEqualTo(LoadHistory.Outcome.LOADED);
        assertThat(history.current().orElseThrow().etag()).isEqualTo("\"v1\"");
        assertThat(Files.readAllBytes(kept())).isEqualTo(body);
        long loadedId = history.current().orElseThrow().id();
        jdbc.execute("UPDATE maniphest_task SET title = 'edited after the load' WHERE id = 100");

        LoadOutcome again = loader.load(url(), false);

        assertThat(conditionsReceived).containsExactly("null", "\"v1\"");
        assertThat(again.outcome()).isEqualTo(LoadHistory.Outcome.UNCHANGED);
        assertThat(again.summary()).contains("304");
        assertThat(history.current().orElseThrow().id()).isEqualTo(loadedId);
        assertThat(jdbc.queryForObject("SELECT title FROM maniphest_task WHERE id = 100", String.class)).isEqualTo("edited after the load");
    }

    @Test
    void aServerWithoutETagsSendingTheSameBytesIsNoFresherDump() {
        etag = null;
        assertThat(loader.load(url(), false).outcome()).isEqualTo(LoadHistory.Outcome.LOADED);
        LoadOutcome again = loader.load(url(), false);
        assertThat(again.outcome()).isEqualTo(LoadHistory.Outcome.UNCHANGED);
        assertThat(again.summary()).contains("same sha256");
        assertThat(properties.dumpDir().resolve("phabricator_public.dump.part")).doesNotExist();
    }

    @Test
    void aFresherDumpIsLoadedAndReplacesTheKeptFile() throws IOException {
        assertThat(loader.load(url(), false).outcome()).isEqualTo(LoadHistory.Outcome.LOADED);
        TestDump fresher = DumpLoadTest.tenTasks();
        fresher.task(500, "open", null);
        body = fresher.json().getBytes(StandardCharsets.UTF_8);
        etag = "\"v2\"";

        assertThat(loader.load(url(), false).outcome()).isEqualTo(LoadHistory.Outcome.LOADED);
        assertThat(count("maniphest_task")).isEqualTo(11);
        assertThat(Files.readAllBytes(kept())).isEqualTo(body);
        assertThat(properties.dumpDir().resolve("phabricator_public.dump.new")).doesNotExist();
    }

    @Test
    void aDumpOverTheSizeLimitIsRefused() {
        body = new byte[2 << 20];
        LoadOutcome outcome = loader.load(url(), false);
        assertThat(outcome.outcome()).isEqualTo(LoadHistory.Outcome.FAILED);
        assertThat(outcome.summary()).contains("phlogiston.dump.max-size");
        assertThat(properties.dumpDir().resolve("phabricator_public.dump.part")).doesNotExist();
    }

    @Test
    void anUnreachableServerIsAClearError() {
        server.stop(0);
        LoadOutcome outcome = loader.load(url(), false);
        assertThat(outcome.outcome()).isEqualTo(LoadHistory.Outcome.FAILED);
        assertThat(outcome.summary()).contains("Could not download the dump from " + url());
    }

    @Test
    void anErrorStatusIsAClearError() {
        LoadOutcome outcome = loader.load(url().replace("phabricator_public", "missing"), false);
        assertThat(outcome.outcome()).isEqualTo(LoadHistory.Outcome.FAILED);
        assertThat(outcome.summary()).contains("HTTP 404");
    }
}
