package org.wikimedia.phlogiston.conduit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.wikimedia.phlogiston.Secrets;

/**
 * Calls Conduit methods on one Phabricator or Phorge install, one request at a time.
 *
 * <p>The request is what Phorge's {@code PhabricatorConduitAPIController::decodeConduitParams} accepts (phorgeit/phorge,
 * src/applications/conduit/controller/PhabricatorConduitAPIController.php): a form-encoded POST to
 * {@code <url>/api/<method>} whose {@code params} field holds all parameters as one JSON object, the API token
 * under {@code __conduit__: {token}} (the controller's {@code authenticateUser} reads {@code $metadata['token']}).
 * A JSON body is refused by that controller, so the form it is. The answer is {@code ConduitAPIResponse}'s
 * dictionary {@code {result, error_code, error_info}}; a Conduit error comes with HTTP 200.
 *
 * <p>Paging follows {@code PhabricatorApplicationSearchEngine::buildConduitResponse}
 * (src/applications/search/engine/PhabricatorApplicationSearchEngine.php): {@code *.search} methods answer
 * {@code {data, cursor: {limit, after, before}}}; the next page is asked for with {@code after}, and a null
 * {@code after} means the last page. Their page size is 1 to 100.
 *
 * <p>A good citizen: requests start at least {@link ConduitSettings#minimumInterval()} apart; HTTP 429, 5xx and
 * network failures are retried after {@code Retry-After} seconds when the server says so, otherwise after a
 * doubling backoff, up to {@link ConduitSettings#maxAttempts()}; a Conduit error is an answer and is not retried.
 * The token never appears in a message, a log line or {@link #toString()}: Phorge quotes a rejected token in its
 * error, so every text from the server is redacted.
 */
public final class ConduitClient {

    private static final Logger log = LoggerFactory.getLogger(ConduitClient.class);
    private static final int BODY_PREVIEW_CHARACTERS = 120;

    private final ConduitSettings settings;
    private final ConduitToken token;
    private final ObjectMapper json;
    private final Sleeper sleeper;
    private final InstantSource time;
    private final HttpClient http;
    private final String apiBase;
    private Instant lastRequestStart;
    private long requestsMade;

    /**
     * @param sleeper waits between requests ({@link Sleeper#REAL} outside tests)
     * @param time    the real time ({@link InstantSource#system()} outside tests), never the {@code --as-of} clock:
     *                it paces requests and reads {@code Retry-After} dates
     */
    public ConduitClient(ConduitSettings settings, ConduitToken token, ObjectMapper json, Sleeper sleeper, InstantSource time) {
        this.settings = settings;
        this.token = token;
        this.json = json;
        this.sleeper = sleeper;
        this.time = time;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.apiBase = settings.url().toString().replaceAll("/+$", "") + "/api/";
    }

    /** One page of a {@code *.search} method: its items, and the cursor for the next page (null on the last). */
    public record SearchPage(List<JsonNode> data, String after) {
    }

    /** The {@code result} of {@code method} called with {@code params}. */
    public synchronized JsonNode call(String method, Map<String, ?> params) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiBase + method))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(method, params)))
                .build();
        try {
            for (int attempt = 1; ; attempt++) {
                Duration wait = backoff(attempt);
                String failure;
                pace();
                requestsMade++;
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    int status = response.statusCode();
                    if (status != 429 && status < 500) {
                        return result(method, response);
                    }
                    failure = "HTTP " + status;
                    wait = retryAfter(response).orElse(wait);
                } catch (HttpConnectTimeoutException e) {
                    failure = "no connection within " + seconds(settings.connectTimeout());
                } catch (HttpTimeoutException e) {
                    failure = "no answer within " + seconds(settings.requestTimeout());
                } catch (IOException e) {
                    failure = "a network failure (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
                }
                if (attempt >= settings.maxAttempts()) {
                    throw new ConduitException(method, null, method + " on " + where() + " failed " + attempt
                            + (attempt == 1 ? " time" : " times") + ", the last time with " + failure, null);
                }
                log.warn("{} on {} failed with {}; trying again in {} (attempt {} of {})",
                        method, where(), failure, seconds(wait), attempt + 1, settings.maxAttempts());
                sleeper.sleep(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConduitException(method, null, method + " on " + where() + " was interrupted", e);
        }
    }

    /** One page of {@code method}: {@code limit} items after the cursor {@code after} (null for the first page). */
    public SearchPage searchPage(String method, Map<String, ?> params, String after, int limit) {
        Map<String, Object> pageParams = new LinkedHashMap<>(params);
        pageParams.put("limit", limit);
        if (after != null) {
            pageParams.put("after", after);
        }
        JsonNode result = call(method, pageParams);
        JsonNode data = result.path("data");
        if (!data.isArray()) {
            throw malformed(method, "its result has no data list", result.toString());
        }
        List<JsonNode> items = new ArrayList<>(data.size());
        data.forEach(items::add);
        JsonNode next = result.path("cursor").path("after");
        return new SearchPage(items, next.isNull() || next.isMissingNode() ? null : next.asText());
    }

    /** Every item of {@code method}, page after page of {@code limit}. */
    public List<JsonNode> searchAll(String method, Map<String, ?> params, int limit) {
        List<JsonNode> items = new ArrayList<>();
        String after = null;
        do {
            SearchPage page = searchPage(method, params, after, limit);
            items.addAll(page.data());
            after = page.after();
        } while (after != null);
        return items;
    }

    /** Requests sent so far, retries included: what a fetch cost the install. */
    public synchronized long requestsMade() {
        return requestsMade;
    }

    @Override
    public String toString() {
        return "ConduitClient[" + where() + ", " + token + "]";
    }

    private String formBody(String method, Map<String, ?> params) {
        Map<String, Object> withToken = new LinkedHashMap<>(params);
        withToken.put("__conduit__", Map.of("token", token.value()));
        try {
            return "params=" + URLEncoder.encode(json.writeValueAsString(withToken), StandardCharsets.UTF_8)
                    + "&output=json&__conduit__=1";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The parameters of " + method + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private JsonNode result(String method, HttpResponse<String> response) {
        String body = response.body();
        if (response.statusCode() != 200) {
            throw new ConduitException(method, null, method + " on " + where() + " answered HTTP " + response.statusCode()
                    + ", which is not a Conduit answer; it starts with: " + preview(body), null);
        }
        JsonNode envelope;
        try {
            envelope = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed(method, "it is not JSON", body);
        }
        if (envelope == null || !envelope.isObject() || !envelope.has("result") || !envelope.has("error_code")) {
            throw malformed(method, "it is not Conduit's {result, error_code, error_info}", body);
        }
        JsonNode errorCode = envelope.get("error_code");
        if (!errorCode.isNull()) {
            String info = envelope.path("error_info").asText("");
            throw new ConduitException(method, errorCode.asText(), method + " on " + where() + " was refused: "
                    + errorCode.asText() + (info.isEmpty() ? "" : ": " + token.redact(info)), null);
        }
        return envelope.get("result");
    }

    private ConduitException malformed(String method, String why, String body) {
        return new ConduitException(method, null, "The answer to " + method + " from " + where() + " cannot be read: "
                + why + "; it starts with: " + preview(body), null);
    }

    private String preview(String body) {
        String start = body == null ? "" : body.length() <= BODY_PREVIEW_CHARACTERS ? body : body.substring(0, BODY_PREVIEW_CHARACTERS) + "...";
        return "\"" + token.redact(start) + "\"";
    }

    /** Waits until the minimum interval since the previous request's start has passed. */
    private void pace() throws InterruptedException {
        if (lastRequestStart != null) {
            Duration wait = Duration.between(time.instant(), lastRequestStart.plus(settings.minimumInterval()));
            if (wait.compareTo(Duration.ZERO) > 0) {
                sleeper.sleep(wait);
            }
        }
        lastRequestStart = time.instant();
    }

    /** The wait after failed attempt {@code attempt}: the first backoff, doubled each time, at most the maximum. */
    private Duration backoff(int attempt) {
        Duration doubled = settings.firstBackoff().multipliedBy(1L << Math.min(attempt - 1, 30));
        return doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
    }

    /** {@code Retry-After} in seconds, or as an HTTP date (RFC 9110 allows both). */
    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::strip).flatMap(value -> {
            if (value.matches("\\d{1,9}")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            }
            try {
                Duration untilDate = Duration.between(time.instant(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(untilDate.isNegative() ? Duration.ZERO : untilDate);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    private String where() {
        return Secrets.mask(settings.url().toString());
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() / 1000.0 + " s";
    }
}
