package org.wikimedia.phlogiston.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves the output folder read-only over HTTP, for {@code phlogiston serve}: GET and HEAD of its files, a folder's
 * {@code index.html} for the folder. It follows the links Phlogiston makes ({@code <scope>} to the current version
 * under {@code .versions/}) but serves nothing whose real path is outside the folder, nor hidden entries (versions,
 * drafts, temporary files), so that only the published reports are seen.
 */
public final class OutputServer implements AutoCloseable {

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "png", "image/png",
            "csv", "text/csv; charset=utf-8",
            "txt", "text/plain; charset=utf-8");
    private static final String OTHER_CONTENT = "application/octet-stream";
    /** A few readers at a time, so that a slow download does not hold the others up. */
    private static final int THREADS = 4;

    static {
        // A client that sends its request or reads its response ever so slowly would keep one of the few threads
        // for good: the JDK's server drops such connections after these many seconds (read once, at its first use).
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", "30");
        System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", "300");
    }

    private final Path root;
    private final HttpServer server;
    private final ExecutorService threads;

    private OutputServer(Path root, HttpServer server, ExecutorService threads) {
        this.root = root;
        this.server = server;
        this.threads = threads;
    }

    /**
     * Serves {@code outputDir} (created if missing, as the first report would) on {@code bindAddress}:{@code port}.
     *
     * @throws IOException if the folder cannot be read or the port is taken
     */
    public static OutputServer start(Path outputDir, String bindAddress, int port) throws IOException {
        Files.createDirectories(outputDir);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        } catch (IOException e) {
            throw new IOException("Cannot serve the reports on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        OutputServer output = new OutputServer(outputDir.toRealPath(), server, threads);
        server.createContext("/", output::handle);
        server.setExecutor(threads);
        server.start();
        return output;
    }

    /** Where the output folder is served, e.g. {@code http://127.0.0.1:8080/}. */
    public URI address() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress() instanceof Inet6Address ? "[" + address.getHostString() + "]"
                : address.getHostString();
        return URI.create("http://" + host + ":" + address.getPort() + "/");
    }

    /** Stops at once, cutting off a response being sent: serve is ending, and its reader can load the page again later. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                sendText(exchange, 405, "Method not allowed: the reports are read-only.");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Optional<Path> file = path == null ? Optional.empty() : find(path);
            if (file.isEmpty()) {
                sendText(exchange, 404, "Not found: " + path);
            } else if (Files.isDirectory(file.get())) {
                // Without the slash, the relative links of the folder's index.html would miss the folder.
                exchange.getResponseHeaders().set("Location", exchange.getRequestURI().getRawPath() + "/");
                sendText(exchange, 301, "Moved to " + path + "/");
            } else {
                sendFile(exchange, file.get());
            }
        }
    }

    /**
     * The file the request path (decoded, so that {@code %2e%2e} is {@code ..}) names inside the output folder: for a
     * path ending with a slash, the folder's index.html; the folder itself for a folder named without the slash.
     */
    private Optional<Path> find(String requestPath) {
        Path path = root;
        for (String segment : requestPath.split("/")) {
            if (segment.startsWith(".")) {
                // "..", and the hidden entries: .versions, drafts, temporary files
                return Optional.empty();
            }
            if (!segment.isEmpty()) {
                path = path.resolve(segment);
            }
        }
        if (requestPath.endsWith("/")) {
            path = path.resolve("index.html");
        }
        try {
            Path real = path.toRealPath();
            return real.startsWith(root) ? Optional.of(real) : Optional.empty();
        } catch (IOException | InvalidPathException e) {
            // missing, a file taken for a folder, unreadable: all the same to a reader
            return Optional.empty();
        }
    }

    private static void sendFile(HttpExchange exchange, Path file) throws IOException {
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPES.getOrDefault(extension, OTHER_CONTENT));
        // Reports change every night: a browser asks again rather than show yesterday's.
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        long size = Files.size(file);
        if (exchange.getRequestMethod().equals("HEAD")) {
            // For HEAD the server sends no body and ignores a length given to it (with a warning): the header says it.
            exchange.getResponseHeaders().set("Content-Length", Long.toString(size));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
        try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
            in.transferTo(out);
        }
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPES.get("txt"));
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
