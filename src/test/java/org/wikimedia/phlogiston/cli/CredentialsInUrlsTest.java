package org.wikimedia.phlogiston.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.ReferenceRun;
import org.wikimedia.phlogiston.database.EmbeddedPostgresServer;

/**
 * A dump URL with a password in it ({@code http://user:s3cret@host/...}), given on the command line or configured:
 * the password reaches the server (as HTTP basic authentication), and nothing that is stored, logged or printed. Each command runs as a user
 * starts it, in an application of its own (so it knows only what it is given, as another process would).
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialsInUrlsTest extends DatabaseTest {

    private static final String SECRET = "s3cret";
    private static final String ETAG = "\"reference-1\"";
    /** The tables where a run, a load or a job leaves text; dump_load and run_registry are Phlogiston's. */
    private static final List<String> STORED = List.of("dump_load", "run_registry", "batch_job_execution_params",
            "batch_job_execution", "batch_step_execution", "batch_job_execution_context", "batch_step_execution_context");

    @Autowired
    EmbeddedPostgresServer testServer;

    @TempDir
    Path dir;

    private HttpServer server;
    private volatile int status;
    private final List<String> requests = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serveTheReferenceDump);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    /** Answers {@link #status} to a request with the user and password, 401 to any other. */
    private void serveTheReferenceDump(HttpExchange exchange) throws IOException {
        String condition = exchange.getRequestHeaders().getFirst("If-None-Match");
        boolean authenticated = ("Basic " + Base64.getEncoder().encodeToString(("reader:" + SECRET).getBytes(StandardCharsets.UTF_8)))
                .equals(exchange.getRequestHeaders().getFirst("Authorization"));
        int answer = !authenticated ? 401 : status == 200 && ETAG.equals(condition) ? 304 : status;
        requests.add(exchange.getRequestURI().getPath() + " " + answer + " " + condition);
        if (answer == 200) {
            byte[] body = Files.readAllBytes(ReferenceRun.DUMP);
            exchange.getResponseHeaders().add("ETag", ETAG);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } else {
            exchange.sendResponseHeaders(answer, -1);
        }
        exchange.close();
    }

    private String url(String path, String password) {
        return "http://reader:" + password + "@127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void aLoadFromAUrlWithAPasswordStoresPrintsAndLogsItMasked(CapturedOutput output) {
        String url = url("/load.dump", SECRET);
        String masked = url("/load.dump", "***");

        status = 500;
        assertThat(phlogiston("load", "--dump", url)).isEqualTo(1);
        assertThat(output.getAll()).contains("Could not download the dump from " + masked + ": the server answered HTTP 500");

        status = 200;
        assertThat(phlogiston("load", "--dump", url)).isZero();
        assertThat(output.getOut()).containsPattern("Loaded \\Q" + masked + "\\E \\(load #\\d+\\)");
        // The last load of the same source, found by its masked form, makes the next download conditional.
        assertThat(phlogiston("load", "--dump", url)).isZero();
        assertThat(output.getOut()).contains("No fresher dump: the server has no fresher dump than the one loaded (HTTP 304 Not Modified)");
        assertThat(requests).containsExactly("/load.dump 500 null", "/load.dump 200 null", "/load.dump 304 " + ETAG);

        assertThat(jdbc.queryForList("SELECT outcome FROM dump_load WHERE source = ? ORDER BY id", String.class, masked))
                .containsExactly("failed", "loaded", "unchanged");
        assertThat(jdbc.queryForList("SELECT message FROM dump_load WHERE source = ? AND outcome = 'failed'", String.class, masked))
                .containsExactly("Could not download the dump from " + masked + ": the server answered HTTP 500");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM run_registry WHERE command LIKE ?", Long.class,
                "phlogiston load --dump " + masked + " --db-url %")).isEqualTo(3);
        assertThat(phlogiston("history", "--limit", "3")).isZero();
        assertThat(output.getOut()).containsPattern("failed +load --dump \\Q" + masked + "\\E\n +load +.* failed +load #\\d+: Could not "
                + "download the dump from \\Q" + masked + "\\E: the server answered HTTP 500");
        assertThat(phlogiston("status")).isZero();
        assertThat(output.getOut()).contains("Current data: load #", " of " + masked + "\n");

        assertTheSecretIsNowhere(output);
    }

    @Test
    void aRestartOfARunFromAUrlWithAPasswordFindsTheUrlInTheSettings(CapturedOutput output) throws IOException {
        String url = url("/configured.dump", SECRET);
        String masked = url("/configured.dump", "***");
        Path settings = Files.writeString(dir.resolve("phlogiston.properties"), "phlogiston.dump.source-url=" + url + "\n");
        List<String> run = List.of("--scopes-dir", ReferenceRun.DIR.resolve("scopes").toString(),
                "--output-dir", dir.resolve("reports").toString(), "--as-of", "2019-03-15");

        status = 500;
        assertThat(phlogiston(concat(List.of("run", "--mode", "incremental", "--scope", "alp", "--dump", url), run))).isEqualTo(1);
        long failedRun = jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution_params "
                + "WHERE parameter_name = 'mode'", Long.class);
        assertThat(output.getAll()).contains("Could not download the dump from " + masked + ": the server answered HTTP 500");

        // The run stored the URL masked: without the setting, nothing tells the restart the password, and it says so.
        status = 200;
        assertThat(phlogiston(concat(List.of("restart", Long.toString(failedRun)), run))).isEqualTo(1);
        assertThat(output.getAll()).contains("The dump source " + masked + " had credentials, which Phlogiston does not store:"
                + " give it again (phlogiston load --dump URL), or set it as phlogiston.dump.source-url");
        long refusedRestart = jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution_params "
                + "WHERE parameter_name = 'mode'", Long.class);

        assertThat(phlogiston(concat(List.of("restart", Long.toString(refusedRestart), "--config", settings.toString()), run)))
                .isZero();
        assertThat(requests).containsExactly("/configured.dump 500 null", "/configured.dump 200 null");
        assertThat(jdbc.queryForList("SELECT outcome FROM dump_load WHERE source = ? ORDER BY id", String.class, masked))
                .containsExactly("failed", "failed", "loaded");

        assertThat(phlogiston("history", "--limit", "3")).isZero();
        assertThat(output.getOut()).containsPattern("done +run --mode incremental --scope alp --dump \\Q" + masked
                        + "\\E \\(restart of #" + refusedRestart + "\\)")
                .contains("had credentials, which Phlogiston does not store");
        assertTheSecretIsNowhere(output);
    }

    /** Runs the command line as {@code bin/phlogiston} would, on the test database, with a data directory of its own. */
    private int phlogiston(String... args) {
        return phlogiston(List.of(args));
    }

    private int phlogiston(List<String> args) {
        return PhlogistonCommand.execute(concat(args, List.of("--db-url", testServer.jdbcUrl(database()),
                "--db-password", testServer.password(), "--data-dir", dir.toString())).toArray(String[]::new));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private void assertTheSecretIsNowhere(CapturedOutput output) {
        assertThat(output.getAll()).contains("***").doesNotContain(SECRET);
        for (String table : STORED) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table + " t WHERE t::text LIKE ?", Long.class, "%" + SECRET + "%"))
                    .as(table).isZero();
        }
    }
}
