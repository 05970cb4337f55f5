package org.wikimedia.phlogiston.dump;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.PhlogistonProperties;
import org.wikimedia.phlogiston.Secrets;
import org.wikimedia.phlogiston.sampledata.SampleDumpGenerator;

/**
 * Finds the dump to load: downloads it when the source is a URL (only if the server has a fresher one than
 * the last load), or takes a local file, or generates the bundled sample. Decides "no fresher dump" before any
 * parsing whenever it can tell cheaply.
 *
 * <p>A source is known everywhere else by its {@linkplain Secrets#mask masked} form, the one stored and shown: only
 * this class holds the real one, in memory, from {@link #remember} (or the configured source) to the download.
 */
@Component
public class DumpFetcher {

    /** The source name that selects the bundled sample dump. */
    public static final String SAMPLE = "sample";
    /** What {@code load --dump sample} generates and loads. */
    public static final SampleDumpGenerator.Settings SAMPLE_SETTINGS =
            new SampleDumpGenerator.Settings(400, 20261120L, LocalDate.of(2026, 11, 20));
    private static final String DOWNLOADED_NAME = "phabricator_public.dump";

    private static final Logger log = LoggerFactory.getLogger(DumpFetcher.class);

    private final PhlogistonProperties properties;
    /** The sources with credentials that this process was given, by their masked forms. */
    private final Map<String, String> realSources = new ConcurrentHashMap<>();

    public DumpFetcher(PhlogistonProperties properties) {
        this.properties = properties;
        remember(properties.dump().sourceUrl().toString());
    }

    /**
     * The form of {@code source} to store and show, without its credentials; fetching by that form uses the real one
     * for as long as this process runs. The configured source is remembered from the start, so that a restart in
     * another process finds it too.
     */
    public String remember(String source) {
        String masked = Secrets.mask(source);
        if (!masked.equals(source)) {
            realSources.put(masked, source);
        }
        return masked;
    }

    /** The real source behind a masked one: a masked source this process was not given cannot be fetched. */
    private String real(String source) throws IOException {
        String real = realSources.getOrDefault(source, source);
        if (real.contains(Secrets.MASK)) {
            throw new IOException("The dump source " + source + " had credentials, which Phlogiston does not store: give it"
                    + " again (phlogiston load --dump URL), or set it as phlogiston.dump.source-url");
        }
        return real;
    }

    /** What fetching found: a dump to load, or nothing fresher than the one loaded. */
    public sealed interface Fetched permits Ready, Unchanged {
    }

    /** The dump is the one already loaded; nothing to do. */
    public record Unchanged(String reason) implements Fetched {
    }

    /**
     * A dump ready to parse. {@code sha256} is null when it is cheaper to compute while parsing;
     * {@code keepAs} is where a downloaded file goes once it has loaded (replacing the previous one).
     */
    public record Ready(Path file, String etag, String lastModified, String sha256, long bytes, Path keepAs) implements Fetched {
    }

    /** The last successful load of the same source, if any: what the conditional download compares against. */
    public record Previous(String etag, String lastModified, String sha256, long bytes) {
    }

    /** Fetches the dump of {@code source}, as {@link #remember} gave it. */
    public Fetched fetch(String source, Optional<Previous> previous, boolean force) throws IOException {
        if (SAMPLE.equals(source)) {
            return local(sampleDump(), previous, force);
        }
        if (isUrl(source)) {
            return download(url(source), source, previous, force);
        }
        return local(Path.of(real(source)), previous, force);
    }

    /**
     * Whether {@code source} has a fresher dump than {@code previous}, its last load, told without downloading,
     * generating or writing anything: a file by its size and sha256, a URL by a conditional HEAD request.
     */
    public String probe(String source, Optional<Previous> previous) {
        if (previous.isEmpty()) {
            return "never loaded from there: it would be loaded";
        }
        try {
            if (SAMPLE.equals(source)) {
                Path sample = properties.dumpDir().resolve("sample-" + SAMPLE_SETTINGS.seed() + ".dump");
                return Files.exists(sample) ? describe(local(sample, previous, false))
                        : "the sample is not generated yet: it would be generated and loaded";
            }
            if (isUrl(source)) {
                return probeUrl(url(source), source, previous.get());
            }
            return describe(local(Path.of(real(source)), previous, false));
        } catch (IOException e) {
            return "cannot tell (" + describe(e) + "): the load would fail";
        }
    }

    private static boolean isUrl(String source) {
        return source.startsWith("http://") || source.startsWith("https://");
    }

    /** The real URL of a source; a message about a bad one names it masked (the parser's own would not). */
    private URI url(String source) throws IOException {
        try {
            URI url = new URI(real(source));
            if (url.getHost() == null) {
                throw new IOException("The dump source " + source + " is not a URL: it has no host");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new IOException("The dump source " + source + " is not a URL: " + e.getReason() + " at index " + e.getIndex());
        }
    }

    /**
     * A request for {@code url}, with its user and password as HTTP basic authentication: Java's client ignores
     * them in the URL.
     */
    private static HttpRequest.Builder request(URI url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url);
        if (url.getRawUserInfo() != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(url.getUserInfo().getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    /** A client for {@code url}: it follows redirects, unless the URL has credentials, which would go along. */
    private static HttpClient client(URI url) {
        return HttpClient.newBuilder()
                .followRedirects(url.getRawUserInfo() == null ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    private static String describe(Fetched fetched) {
        return fetched instanceof Unchanged unchanged ? "no fresher dump (" + unchanged.reason() + ")"
                : "a fresher dump: it would be loaded, replacing the loaded one";
    }

    private static String probeUrl(URI url, String shown, Previous previous) throws IOException {
        HttpRequest.Builder request = request(url).timeout(Duration.ofMinutes(1))
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
        Optional.ofNullable(previous.etag()).ifPresent(etag -> request.header("If-None-Match", etag));
        Optional.ofNullable(previous.lastModified()).ifPresent(at -> request.header("If-Modified-Since", at));
        try {
            int status = client(url).send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return switch (status) {
                case 304 -> "no fresher dump (HTTP 304 Not Modified)";
                case 200 -> "the server has a different dump: it would be downloaded, and loaded unless it has the"
                        + " loaded one's sha256";
                default -> "cannot tell (the server answered HTTP " + status + "): the load would fail";
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new IOException("could not reach " + shown + ": " + describe(e), e);
        }
    }

    private Path sampleDump() throws IOException {
        Path file = properties.dumpDir().resolve("sample-" + SAMPLE_SETTINGS.seed() + ".dump");
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            log.info("Generating the sample dump ({} tasks) in {}", SAMPLE_SETTINGS.tasks(), file);
            new SampleDumpGenerator(SAMPLE_SETTINGS).writeTo(file);
        }
        return file;
    }

    private Fetched local(Path file, Optional<Previous> previous, boolean force) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("There is no dump file at " + file.toAbsolutePath());
        }
        long bytes = Files.size(file);
        String lastModified = Files.getLastModifiedTime(file).toInstant().toString();
        // Files of different sizes differ; only a file the size of the loaded one is worth hashing up front,
        // and only when the answer matters (not with force). Otherwise it is hashed while it is parsed.
        String sha256 = null;
        if (!force && previous.isPresent() && previous.get().bytes() == bytes) {
            try (InputStream in = Files.newInputStream(file)) {
                sha256 = sha256(in);
            }
            if (sha256.equals(previous.get().sha256())) {
                return new Unchanged("the dump in " + file + " is the one already loaded (same sha256)");
            }
        }
        return new Ready(file, null, lastModified, sha256, bytes, null);
    }

    /** Downloads from {@code url}, which {@code shown} names in messages and logs. */
    private Fetched download(URI url, String shown, Optional<Previous> previous, boolean force) throws IOException {
        HttpRequest.Builder request = request(url).timeout(Duration.ofMinutes(5)).GET();
        if (!force && previous.isPresent()) {
            Optional.ofNullable(previous.get().etag()).ifPresent(etag -> request.header("If-None-Match", etag));
            Optional.ofNullable(previous.get().lastModified()).ifPresent(at -> request.header("If-Modified-Since", at));
        }
        HttpResponse<InputStream> response;
        try {
            response = client(url).send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IOException("Could not download the dump from " + shown + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("The download of " + shown + " was interrupted", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() == 304) {
                return new Unchanged("the server has no fresher dump than the one loaded (HTTP 304 Not Modified)");
            }
            if (response.statusCode() != 200) {
                throw new IOException("Could not download the dump from " + shown + ": the server answered HTTP " + response.statusCode());
            }
            long limit = properties.dump().maxSize().toBytes();
            long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (announced > limit) {
                throw new IOException("The dump at %s is %,d bytes, more than the limit of %,d (phlogiston.dump.max-size)"
                        .formatted(shown, announced, limit));
            }
            Path dumps = Files.createDirectories(properties.dumpDir());
            Path partial = dumps.resolve(DOWNLOADED_NAME + ".part");
            log.info("Downloading the dump from {}{}", shown, announced > 0 ? " (%,d MB)".formatted(announced >> 20) : "");
            String sha256;
            long bytes;
            try (OutputStream out = Files.newOutputStream(partial)) {
                SizeLimitedStream in = new SizeLimitedStream(body, limit, shown);
                sha256 = copyAndHash(in, out);
                bytes = in.count();
            } catch (IOException e) {
                Files.deleteIfExists(partial);
                throw e instanceof SizeLimitedStream.TooLarge ? e
                        : new IOException("Could not download the dump from " + shown + ": " + describe(e), e);
            }
            if (!force && previous.isPresent() && sha256.equals(previous.get().sha256())) {
                Files.delete(partial);
                return new Unchanged("the downloaded dump is the one already loaded (same sha256)");
            }
            Path downloaded = Files.move(partial, dumps.resolve(DOWNLOADED_NAME + ".new"), StandardCopyOption.REPLACE_EXISTING);
            log.info("Downloaded {} MB", bytes >> 20);
            return new Ready(downloaded, response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null), sha256, bytes, dumps.resolve(DOWNLOADED_NAME));
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : Secrets.mask(e.getMessage());
    }

    static String sha256(InputStream in) throws IOException {
        return copyAndHash(in, OutputStream.nullOutputStream());
    }

    private static String copyAndHash(InputStream in, OutputStream out) throws IOException {
        MessageDigest digest = newSha256();
        try (DigestInputStream hashing = new DigestInputStream(in, digest)) {
            hashing.transferTo(out);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java has no SHA-256", e);
        }
    }
}
