package org.wikimedia.phlogiston.benchmark.conduit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.wikimedia.phlogiston.conduit.ConduitClient;
import org.wikimedia.phlogiston.conduit.ConduitSettings;
import org.wikimedia.phlogiston.conduit.ConduitToken;
import org.wikimedia.phlogiston.conduit.Sleeper;

/**
 * A Conduit server on localhost (port 0) that decodes requests and shapes answers as Phorge does
 * (phorgeit/phorge, src/applications/conduit/controller/PhabricatorConduitAPIController.php): a form-encoded
 * {@code params} JSON object with the token under {@code __conduit__}, answered by
 * {@code {result, error_code, error_info}} with HTTP 200, errors included, a rejected token quoted in the error
 * as Phorge quotes it. {@code *.search} methods page as PhabricatorApplicationSearchEngine::buildConduitResponse
 * does ({@code limit} 1 to 100, {@code after} cursor). Faults are scripted per request: the next requests get the
 * queued HTTP answers, or hang until the client gives up.
 */
public final class TestConduitServer implements AutoCloseable {

    /** A request as the server understood it: the method and its parameters, the token taken out. */
    public record Request(String method, JsonNode params) {
    }

    /** A Conduit error a method answers with, e.g. ERR-INVALID-PAGE-SIZE. */
    public static final class ConduitError extends RuntimeException {
        private final String code;

        public ConduitError(String code, String info) {
            super(info);
            this.code = code;
        }
    }

    private record Fault(int status, Map<String, String> headers, String body, boolean hang) {
    }

    private static final int MAXIMUM_PAGE_SIZE = 100;

    private final ObjectMapper json = new ObjectMapper();
    private final String validToken;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<String, Function<JsonNode, Object>> methods = new ConcurrentHashMap<>();
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile Predicate<Request> failing = request -> false;
    private volatile int failingStatus;
    private volatile Predicate<Request> holding = request -> false;
    private volatile CompletableFuture<Request> held = new CompletableFuture<>();

    public TestConduitServer(String validToken) throws IOException {
        this.validToken = validToken;
        // Without TCP_NODELAY each small answer waits out the client's delayed acknowledgement (about 40 ms): read once,
        // when the first server is made.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/api/", this::handle);
        // A hanging request must not hold up the next one.
        server.setExecutor(threads);
        server.start();
    }

    public URI url() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/");
    }

    /** A client of this server with {@code token}, no pacing and two attempts, waiting through {@code time}. */
    public <T extends Sleeper & InstantSource> ConduitClient client(String token, T time) {
        return client(token, time, time);
    }

    /** As the other client, on the real clock: for a benchmark. */
    public ConduitClient client(String token) {
        return client(token, Sleeper.REAL, InstantSource.system());
    }

    private ConduitClient client(String token, Sleeper sleeper, InstantSource time) {
        ConduitSettings settings = new ConduitSettings(url(), Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(60),
                2, Duration.ofSeconds(1), Duration.ofSeconds(30));
        return new ConduitClient(settings, ConduitToken.load(null, Map.of(ConduitToken.ENVIRONMENT_VARIABLE, token)), json, sleeper, time);
    }

    /** {@code method} answers with {@code result(params)}. */
    public void answer(String method, Function<JsonNode, Object> result) {
        methods.put(method, result);
    }

    /** {@code method} is a search over {@code items} (each with an {@code id}), in the order given. */
    public void serveSearch(String method, List<? extends Map<String, ?>> items) {
        serveSearch(method, params -> items);
    }

    /** {@code method} is a search over the items the request's parameters select, e.g. one task's transactions. */
    public void serveSearch(String method, Function<JsonNode, List<? extends Map<String, ?>>> itemsFor) {
        answer(method, params -> searchPage(itemsFor.apply(params), params));
    }

    /** The next request (after those already scripted) gets this HTTP answer instead of Conduit's. */
    public void failNext(int status, Map<String, String> headers, String body) {
        faults.add(new Fault(status, headers, body, false));
    }

    /** The next request (after those already scripted) gets no answer until the server closes. */
    public void hangNext() {
        faults.add(new Fault(0, Map.of(), "", true));
    }

    /** Every request that {@code when} accepts gets HTTP {@code status}, until {@link #stopFailing()}. */
    public void failWhile(Predicate<Request> when, int status) {
        failingStatus = status;
        failing = when;
    }

    /**
     * The first request that {@code when} accepts gets no answer until the server closes (as {@link #hangNext()}),
     * the others their answer: the future completes with that request when it arrives, so that a test can act while
     * its client waits, e.g. kill the client's process in the middle of a fetch.
     */
    public CompletableFuture<Request> hold(Predicate<Request> when) {
        held = new CompletableFuture<>();
        holding = when;
        return held;
    }

    public void stopFailing() {
        failing = request -> false;
    }

    /** Every request received, faults included, in order. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** How many requests each method received, faults included, by method name. */
    public Map<String, Long> requestsByMethod() {
        return requests().stream().collect(Collectors.groupingBy(Request::method, TreeMap::new, Collectors.counting()));
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            Map<String, String> form = decodeForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ObjectNode params = readParams(form.get("params"));
            JsonNode metadata = params == null ? null : params.remove("__conduit__");
            Request request = new Request(method, params);
            requests.add(request);
            if (failing.test(request)) {
                send(exchange, failingStatus, "");
                return;
            }
            if (holding.test(request) && held.complete(request)) {
                closing.await();
                return;
            }
            Fault fault = faults.poll();
            if (fault != null) {
                if (fault.hang()) {
                    closing.await();
                    return;
                }
                fault.headers().forEach(exchange.getResponseHeaders()::add);
                send(exchange, fault.status(), fault.body());
                return;
            }
            send(exchange, 200, json.writeValueAsString(envelope(method, exchange.getRequestHeaders().getFirst("Content-Type"), params, metadata)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Object> envelope(String method, String contentType, ObjectNode params, JsonNode metadata) {
        Map<String, Object> answer = new LinkedHashMap<>();
        try {
            if ("application/json".equals(contentType)) {
                throw new ConduitError("ERR-CONDUIT-CORE", "Use form-encoded data to submit parameters to Conduit endpoints.");
            }
            if (params == null) {
                throw new ConduitError("ERR-CONDUIT-CORE", "Invalid parameter information was passed to method '" + method + "'.");
            }
            Function<JsonNode, Object> implementation = methods.get(method);
            if (implementation == null) {
                throw new ConduitError("ERR-CONDUIT-CALL", "Conduit method \"" + method + "\" does not exist.");
            }
            authenticate(metadata);
            answer.put("result", implementation.apply(params));
            answer.put("error_code", null);
            answer.put("error_info", null);
        } catch (ConduitError e) {
            answer.put("result", null);
            answer.put("error_code", e.code);
            answer.put("error_info", e.getMessage());
        }
        return answer;
    }

    private void authenticate(JsonNode metadata) {
        String token = metadata == null ? "" : metadata.path("token").asText("");
        if (token.isEmpty()) {
            throw new ConduitError("ERR-INVALID-SESSION", "Session key is not present.");
        }
        if (!token.equals(validToken)) {
            throw new ConduitError("ERR-INVALID-AUTH", "API token \"" + token + "\" is not valid.");
        }
    }

    private Map<String, Object> searchPage(List<? extends Map<String, ?>> items, JsonNode params) {
        int limit = params.path("limit").asInt(MAXIMUM_PAGE_SIZE);
        if (limit > MAXIMUM_PAGE_SIZE || limit < 1) {
            throw new ConduitError("ERR-INVALID-PAGE-SIZE",
                    "Maximum page size for Conduit API method calls is 100, but this call specified " + limit + ".");
        }
        int start = 0;
        if (params.hasNonNull("after")) {
            String after = params.get("after").asText();
            while (start < items.size() && !String.valueOf(items.get(start).get("id")).equals(after)) {
                start++;
            }
            start++;
        }
        int end = Math.min(items.size(), start + limit);
        List<? extends Map<String, ?>> page = start < end ? items.subList(start, end) : List.of();
        Map<String, Object> cursor = new HashMap<>();
        cursor.put("limit", limit);
        cursor.put("after", end < items.size() ? String.valueOf(items.get(end - 1).get("id")) : null);
        cursor.put("before", null);
        cursor.put("order", params.path("order").isMissingNode() ? null : params.get("order"));
        return Map.of("data", page, "maps", Map.of(), "query", Collections.singletonMap("queryKey", null), "cursor", cursor);
    }

    private ObjectNode readParams(String text) {
        try {
            return text == null ? null : json.readTree(text) instanceof ObjectNode object ? object : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, String> decodeForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
