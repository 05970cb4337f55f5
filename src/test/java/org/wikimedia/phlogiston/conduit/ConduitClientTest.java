package org.wikimedia.phlogiston.conduit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.wikimedia.phlogiston.benchmark.conduit.TestConduitServer;

@ExtendWith(OutputCaptureExtension.class)
class ConduitClientTest {

    private static final String TOKEN = "api-t0kent0kent0kent0kent0kent0k";
    private static final String WRONG_TOKEN = "api-wr0ngwr0ngwr0ngwr0ngwr0ngwr";
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private final FakeTime time = new FakeTime();
    private TestConduitServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new TestConduitServer(TOKEN);
        server.answer("conduit.ping", params -> "phorge.example.org");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ConduitClient client(String token, Duration minimumInterval, Duration requestTimeout, int maxAttempts) {
        return client(server.url(), token, minimumInterval, requestTimeout, maxAttempts);
    }

    private ConduitClient client(URI url, String token, Duration minimumInterval, Duration requestTimeout, int maxAttempts) {
        ConduitSettings settings = new ConduitSettings(url, minimumInterval, Duration.ofSeconds(10), requestTimeout,
                maxAttempts, FIRST_BACKOFF, Duration.ofSeconds(30));
        return new ConduitClient(settings, ConduitToken.load(null, Map.of(ConduitToken.ENVIRONMENT_VARIABLE, token)),
                new ObjectMapper(), time, time);
    }

    private ConduitClient client() {
        return client(TOKEN, Duration.ZERO, Duration.ofSeconds(60), 4);
    }

    private static List<Map<String, Object>> tasks(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(id -> Map.<String, Object>of("id", id, "type", "TASK",
                "phid", "PHID-TASK-" + id, "fields", Map.of("name", "Task " + id))).toList();
    }

    @Test
    void searchPagesThroughEveryPageByTheAfterCursor() {
        server.serveSearch("maniphest.search", tasks(250));

        List<JsonNode> items = client().searchAll("maniphest.search", Map.of("constraints", Map.of("statuses", List.of("open"))), 100);

        assertThat(items).extracting(item -> item.get("phid").asText())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 250).mapToObj(id -> "PHID-TASK-" + id).toList());
        assertThat(server.requests()).extracting(TestConduitServer.Request::method).containsExactly(
                "maniphest.search", "maniphest.search", "maniphest.search");
        assertThat(server.requests()).extracting(request -> request.params().path("after").asText("none"))
                .containsExactly("none", "100", "200");
        assertThat(server.requests()).allSatisfy(request -> {
            assertThat(request.params().get("limit").asInt()).isEqualTo(100);
            assertThat(request.params().at("/constraints/statuses/0").asText()).isEqualTo("open");
        });
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void aFullLastPageEndsThePaging() {
        server.serveSearch("project.search", tasks(200));

        ConduitClient client = client();
        ConduitClient.SearchPage second = client.searchPage("project.search", Map.of(), "100", 100);

        assertThat(second.data()).extracting(item -> item.get("id").asInt()).containsExactlyElementsOf(
                IntStream.rangeClosed(101, 200).boxed().toList());
        assertThat(second.after()).isNull();
        assertThat(client.searchAll("project.search", Map.of(), 100)).hasSize(200);
        assertThat(client.requestsMade()).isEqualTo(3);
    }

    @Test
    void tooManyRequestsWaitsAsLongAsRetryAfterSays(CapturedOutput output) {
        server.failNext(429, Map.of("Retry-After", "7"), "");

        JsonNode result = client().call("conduit.ping", Map.of());

        assertThat(result.asText()).isEqualTo("phorge.example.org");
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertThat(server.requests()).hasSize(2);
        assertThat(output.getAll()).contains("conduit.ping", "HTTP 429", "trying again in 7 s (attempt 2 of 4)")
                .doesNotContain(TOKEN);
    }

    @Test
    void retryAfterMayBeADate() {
        server.failNext(503, Map.of("Retry-After", "Tue, 01 Dec 2026 00:00:30 GMT"), "");

        client().call("conduit.ping", Map.of());

        assertThat(time.instant()).isEqualTo(Instant.parse("2026-12-01T00:00:30Z"));
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void aNetworkFailureIsRetried() throws IOException {
        URI nobodyListens;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobodyListens = URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + closed.getLocalPort() + "/");
        }
        ConduitClient client = client(nobodyListens, TOKEN, Duration.ZERO, Duration.ofSeconds(60), 3);

        assertThatThrownBy(() -> client.call("conduit.ping", Map.of()))
                .isInstanceOf(ConduitException.class)
                .hasMessageStartingWith("conduit.ping on " + nobodyListens
                        + " failed 3 times, the last time with a network failure (ConnectException");
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(client.requestsMade()).isEqualTo(3);
    }

    @Test
    void serverErrorsAreRetriedWithADoublingBackoff() {
        server.failNext(500, Map.of(), "Internal Server Error");
        server.failNext(503, Map.of(), "Service Unavailable");

        ConduitClient client = client();
        assertThat(client.call("conduit.ping", Map.of()).asText()).isEqualTo("phorge.example.org");

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(client.requestsMade()).isEqualTo(3);
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        for (int i = 0; i < 5; i++) {
            server.failNext(502, Map.of(), "Bad Gateway");
        }

        assertThatThrownBy(() -> client(TOKEN, Duration.ZERO, Duration.ofSeconds(60), 3).call("maniphest.search", Map.of()))
                .isInstanceOf(ConduitException.class)
                .hasMessage("maniphest.search on " + server.url() + " failed 3 times, the last time with HTTP 502")
                .extracting(e -> ((ConduitException) e).errorCode()).isNull();
        assertThat(server.requests()).hasSize(3);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void malformedJsonIsAClearErrorNamingTheMethodAndNotRetried() {
        server.failNext(200, Map.of("Content-Type", "text/html"), "<html><body>Phorge is being upgraded</body></html>");

        assertThatThrownBy(() -> client().call("transaction.search", Map.of("objectIdentifier", "T1")))
                .isInstanceOf(ConduitException.class)
                .hasMessage("The answer to transaction.search from " + server.url() + " cannot be read: it is not JSON;"
                        + " it starts with: \"<html><body>Phorge is being upgraded</body></html>\"");
        assertThat(server.requests()).hasSize(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void jsonThatIsNotConduitsEnvelopeIsAClearError() {
        server.failNext(200, Map.of(), "{\"data\": []}");

        assertThatThrownBy(() -> client().call("project.search", Map.of()))
                .isInstanceOf(ConduitException.class)
                .hasMessageContaining("The answer to project.search from " + server.url() + " cannot be read: it is not Conduit's");
    }

    @Test
    void anInvalidTokenIsRefusedOnceAndNeverShown(CapturedOutput output) {
        server.serveSearch("maniphest.search", tasks(3));
        ConduitClient client = client(WRONG_TOKEN, Duration.ZERO, Duration.ofSeconds(60), 4);

        assertThatThrownBy(() -> client.call("maniphest.search", Map.of()))
                .isInstanceOf(ConduitException.class)
                .hasMessage("maniphest.search on " + server.url() + " was refused: ERR-INVALID-AUTH: API token \"***\" is not valid.")
                .satisfies(e -> {
                    assertThat(((ConduitException) e).errorCode()).isEqualTo("ERR-INVALID-AUTH");
                    assertThat(((ConduitException) e).method()).isEqualTo("maniphest.search");
                });
        assertThat(server.requests()).hasSize(1);
        assertThat(time.sleeps()).isEmpty();
        assertThat(client.toString()).doesNotContain(WRONG_TOKEN).contains("***");
        assertThat(output.getAll()).doesNotContain(WRONG_TOKEN);
    }

    @Test
    void theTokenTravelsInConduitMetadataNotInTheParameters() {
        server.answer("user.whoami", params -> Map.of("userName", "phlogiston-bot", "sawParameters", params));

        JsonNode result = client().call("user.whoami", Map.of("x", 1));

        assertThat(result.get("userName").asText()).isEqualTo("phlogiston-bot");
        assertThat(result.get("sawParameters").toString()).isEqualTo("{\"x\":1}");
    }

    @Test
    void aConduitErrorIsNotRetried() {
        server.serveSearch("maniphest.search", tasks(3));

        assertThatThrownBy(() -> client().searchPage("maniphest.search", Map.of(), null, 101))
                .isInstanceOf(ConduitException.class)
                .hasMessageContaining("maniphest.search on " + server.url() + " was refused: ERR-INVALID-PAGE-SIZE: Maximum page size")
                .extracting(e -> ((ConduitException) e).errorCode()).isEqualTo("ERR-INVALID-PAGE-SIZE");
        assertThatThrownBy(() -> client().call("no.such.method", Map.of()))
                .hasMessageContaining("ERR-CONDUIT-CALL: Conduit method \"no.such.method\" does not exist.");
        assertThat(server.requests()).hasSize(2);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void aClientErrorOtherThan429IsNotRetried() {
        server.failNext(404, Map.of(), "Not Found");

        assertThatThrownBy(() -> client().call("conduit.ping", Map.of()))
                .hasMessage("conduit.ping on " + server.url() + " answered HTTP 404, which is not a Conduit answer; it starts with: \"Not Found\"");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void requestsKeepTheMinimumIntervalApart() {
        ConduitClient client = client(TOKEN, Duration.ofSeconds(2), Duration.ofSeconds(60), 4);

        client.call("conduit.ping", Map.of());
        client.call("conduit.ping", Map.of());
        client.call("conduit.ping", Map.of());
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));

        time.advance(Duration.ofMillis(500));
        client.call("conduit.ping", Map.of());
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(1500));

        time.advance(Duration.ofSeconds(5));
        client.call("conduit.ping", Map.of());
        assertThat(time.sleeps()).hasSize(3);
        assertThat(server.requests()).hasSize(5);
    }

    @Test
    void aServerThatDoesNotAnswerTimesOutAndIsRetried() {
        server.hangNext();
        server.hangNext();

        assertThatThrownBy(() -> client(TOKEN, Duration.ZERO, Duration.ofMillis(300), 2).call("conduit.ping", Map.of()))
                .isInstanceOf(ConduitException.class)
                .hasMessage("conduit.ping on " + server.url() + " failed 2 times, the last time with no answer within 0.3 s");
        assertThat(time.sleeps()).containsExactly(FIRST_BACKOFF);
    }
}
