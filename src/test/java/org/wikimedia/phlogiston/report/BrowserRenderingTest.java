package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the rendered pages in headless Chromium, from disk as a reader would, and fails on any resource that does
 * not load and on any script error. Talks to the browser over the DevTools protocol with the JDK's WebSocket.
 * Needs the Debian package chromium, which .ci/run installs; without it the test is skipped, except in CI (the
 * environment variable CI set, as CI services set it), where it fails.
 */
class BrowserRenderingTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** How long a page or the browser may take before the test gives up, however busy the machine. */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(2);
    /** Resolves once the document and every image in it have loaded or failed: the page's own events, no timer. */
    private static final String EVERYTHING_LOADED = """
            Promise.all([document.readyState === 'complete' ? null
                            : new Promise(done => window.addEventListener('load', done)),
                        ...Array.from(document.images).filter(image => !image.complete)
                            .map(image => new Promise(done => { image.onload = done; image.onerror = done; }))])
                   .then(() => document.readyState + ' ' + Array.from(document.images).every(image => image.complete))""";
    private static final Pattern DEVTOOLS_URL = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path site;

    @Test
    void everyPageLoadsEveryResourceWithoutScriptErrors() throws Exception {
        requireChromium();
        ScopeReport report = ChartRendererTest.sampleReport();
        ReportTemplates templates = new ReportTemplates();
        List<Chart> charts = new ChartRenderer().render(report, site);
        new PageRenderer(templates).render(report, charts, site);

        assertEveryPageLoads(site, List.of("index.html", "forecast.html", "tasks.html", "rules.html"));
    }

    /** Skips the test where chromium is missing, except in CI, where it fails. */
    static void requireChromium() {
        if (inCi()) {
            assertThat(CHROMIUM).as("chromium must be installed in CI (.ci/run installs it)").isExecutable();
        } else {
            assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (.ci/run installs it)");
        }
    }

    /** Opens each page of {@code dir} in headless Chromium: every resource loads, no script fails. */
    static void assertEveryPageLoads(Path dir, List<String> pages) throws Exception {
        Process browser = new ProcessBuilder(CHROMIUM.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--remote-debugging-port=0", "--user-data-dir=" + Files.createTempDirectory("chromium"), "about:blank")
                .redirectErrorStream(true).start();
        try (DevTools devTools = DevTools.connect(devToolsUrl(browser))) {
            for (String page : pages) {
                assertThat(dir.resolve(page)).as(page).isRegularFile();
                assertThat(devTools.problemsLoading(dir.resolve(page).toUri())).as(page).isEmpty();
            }
        } finally {
            browser.destroyForcibly().waitFor(GIVE_UP_AFTER.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    private static URI devToolsUrl(Process browser) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            Matcher url = DEVTOOLS_URL.matcher(line);
            if (url.find()) {
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { })); // keep the pipe from filling
                drain.setDaemon(true);
                drain.start();
                return URI.create(url.group(1));
            }
        }
        throw new IllegalStateException("chromium did not start its DevTools server");
    }

    /**
     * Just enough of the DevTools protocol: open a page, watch its network and console, navigate, and wait until the
     * page has loaded and every request it made has finished or failed.
     */
    private static final class DevTools implements WebSocket.Listener, AutoCloseable {

        private final WebSocket socket;
        private final AtomicInteger ids = new AtomicInteger();
        private final List<JsonNode> events = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile CompletableFuture<JsonNode> reply;
        private volatile int awaitedId;
        private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();
        /** The requests sent and not yet finished or failed. */
        private final Set<String> pending = ConcurrentHashMap.newKeySet();
        /** Completes once the page has loaded and no request is pending. */
        private volatile CompletableFuture<Void> settled = new CompletableFuture<>();

        private DevTools(URI url) {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(url, this).join();
        }

        static DevTools connect(URI url) {
            return new DevTools(url);
        }

        /** Loads the page in a fresh tab; returns the resources that failed and the script errors. */
        List<String> problemsLoading(URI page) throws Exception {
            String target = call(null, "Target.createTarget", JSON.createObjectNode().put("url", "about:blank"))
                    .path("targetId").asText();
            String session = call(null, "Target.attachToTarget", JSON.createObjectNode().put("targetId", target).put("flatten", true))
                    .path("sessionId").asText();
            for (String domain : List.of("Network.enable", "Runtime.enable", "Log.enable", "Page.enable")) {
                call(session, domain, JSON.createObjectNode());
            }
            events.clear();
            pending.clear();
            loaded = new CompletableFuture<>();
            settled = new CompletableFuture<>();
            call(session, "Page.navigate", JSON.createObjectNode().put("url", page.toString()));
            settled.get(GIVE_UP_AFTER.toSeconds(), TimeUnit.SECONDS);
            JsonNode state = call(session, "Runtime.evaluate", JSON.createObjectNode().put("expression", EVERYTHING_LOADED)
                    .put("awaitPromise", true).put("returnByValue", true));
            assertThat(state.path("result").path("value").asText()).as("document state, all images complete")
                    .isEqualTo("complete true");
            List<String> problems = new CopyOnWriteArrayList<>();
            for (JsonNode event : events) {
                switch (event.path("method").asText()) {
                    case "Network.loadingFailed" -> problems.add("failed to load: " + event.path("params"));
                    case "Runtime.exceptionThrown" -> problems.add("script error: " + event.path("params").path("exceptionDetails"));
                    case "Log.entryAdded" -> {
                        if ("error".equals(event.path("params").path("entry").path("level").asText())) {
                            problems.add("console error: " + event.path("params").path("entry").path("text").asText());
                        }
                    }
                    default -> { }
                }
            }
            call(null, "Target.closeTarget", JSON.createObjectNode().put("targetId", target));
            return problems;
        }

        private JsonNode call(String session, String method, ObjectNode params) throws Exception {
            int id = ids.incrementAndGet();
            ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
            message.set("params", params);
            if (session != null) {
                message.put("sessionId", session);
            }
            awaitedId = id;
            reply = new CompletableFuture<>();
            socket.sendText(JSON.writeValueAsString(message), true).join();
            JsonNode answer = reply.get(GIVE_UP_AFTER.toSeconds(), TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new IllegalStateException(method + ": " + answer.get("error"));
            }
            return answer.path("result");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    String method = message.path("method").asText();
                    String request = message.path("params").path("requestId").asText();
                    if (message.path("id").asInt(-1) == awaitedId) {
                        reply.complete(message);
                    } else if ("Page.loadEventFired".equals(method)) {
                        loaded.complete(null);
                    } else if (!method.isEmpty()) {
                        events.add(message);
                    }
                    switch (method) {
                        case "Network.requestWillBeSent" -> pending.add(request);
                        case "Network.loadingFinished", "Network.loadingFailed" -> pending.remove(request);
                        default -> { }
                    }
                    if (loaded.isDone() && pending.isEmpty()) {
                        settled.complete(null);
                    }
                } catch (IOException e) {
                    reply.completeExceptionally(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(GIVE_UP_AFTER.toSeconds(), TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
    }

}
