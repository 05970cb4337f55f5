package org.wikimedia.phlogiston.conduit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.ErrorMessages;
import org.wikimedia.phlogiston.PhlogistonProperties;
import org.wikimedia.phlogiston.Secrets;
import org.wikimedia.phlogiston.dump.DumpFetcher;
import org.wikimedia.phlogiston.dump.LiveSource;

/**
 * The Conduit source of the load ({@code phlogiston load --source conduit}): fetches what changed on the install
 * since the last published fetch, page by page into {@code conduit_fetched_task} (each page committed with its
 * cursor, so that an interrupted fetch goes on where it stopped), then composes the dump of the mirror and the
 * fetched tasks, which the dump load stages, checks and publishes; the mirror takes the fetch in the publish's
 * transaction.
 */
@Component
public class ConduitSource implements LiveSource {

    private static final Logger log = LoggerFactory.getLogger(ConduitSource.class);

    private final PhlogistonProperties properties;
    private final ConduitFetchStore store;
    private final ObjectMapper json;
    private final Clock clock;

    ConduitSource(PhlogistonProperties properties, ConduitFetchStore store, ObjectMapper json, Clock clock) {
        this.properties = properties;
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String storedForm() {
        if (properties.conduit().url() == null) {
            throw new NotConfigured("No Conduit install to fetch from: set phlogiston.conduit.url to its address, "
                    + "e.g. https://phabricator.example.org");
        }
        token();
        return SCHEME + url();
    }

    @Override
    public DumpFetcher.Fetched fetch(String source, long loadId, boolean force) throws IOException {
        String url = url();
        if (!source.equals(SCHEME + url)) {
            throw new IOException("The load is for " + source + ", but phlogiston.conduit.url is now " + url + ": load again");
        }
        PhlogistonProperties.Conduit conduit = properties.conduit();
        ConduitClient client = new ConduitClient(new ConduitSettings(conduit.url(), conduit.requestInterval(),
                conduit.connectTimeout(), conduit.requestTimeout(), conduit.attempts(), conduit.firstBackoff(),
                conduit.maxBackoff()), token(), json, Sleeper.REAL, InstantSource.system());
        ConduitReader reader = new ConduitReader(client, json, conduit.pageSize());
        ConduitFetchStore.Fetch fetch = fetchToGoOn(url, conduit.projects(), force);
        Unrecorded requests = new Unrecorded(client);
        ObjectNode section;
        try {
            section = reader.projectSection();
            store.projectSection(fetch.id(), loadId, json.writeValueAsString(section), requests.take());
            fetchTasks(reader, fetch, passes(section, conduit.projects()), requests);
        } catch (ConduitException e) {
            String message = "The fetch from " + url + " stopped: " + ErrorMessages.of(e) + ". The pages fetched are kept: "
                    + "the next load from Conduit goes on from there";
            store.stopped(fetch.id(), requests.take(), message);
            throw new IOException(message, e);
        } catch (IOException | RuntimeException e) {
            store.stopped(fetch.id(), requests.take(), ErrorMessages.of(e));
            throw e;
        }
        long fetched = store.fetchedTasks(fetch.id());
        log.info("Fetched {} tasks from {} ({} requests in this load)", "%,d".formatted(fetched), url, "%,d".formatted(client.requestsMade()));
        if (fetched == 0 && store.mirroredProjectSection(url).map(this::tree).equals(Optional.of(section))) {
            store.unchanged(fetch.id(), clock.instant());
            return new DumpFetcher.Unchanged("no task on " + url + (fetch.incremental() ? " changed since " + fetch.modifiedSince() : "")
                    + ", nor any project or column");
        }
        Path file = compose(fetch, section);
        return new DumpFetcher.Ready(file, null, null, null, Files.size(file), null);
    }

    /**
     * The task pages of every pass from where the fetch stands, each stored with where the fetch goes on after it:
     * the next page of the pass, or the first of the next pass.
     */
    private void fetchTasks(ConduitReader reader, ConduitFetchStore.Fetch fetch, List<String> passes, Unrecorded requests)
            throws IOException {
        ConduitProgress progress = ConduitProgress.start(passes.size());
        try {
            for (int pass = fetch.projectIndex(); pass < passes.size(); pass++) {
                ConduitReader.TaskQuery query = new ConduitReader.TaskQuery(fetch.modifiedSince(), passes.get(pass));
                String after = pass == fetch.projectIndex() ? fetch.cursor() : null;
                progress.pass(pass, idOf(after), reader.highestTaskId(query));
                do {
                    ConduitReader.TaskPage page = reader.taskPage(query, after);
                    after = page.after();
                    List<String> bodies = new ArrayList<>(page.tasks().size());
                    for (ConduitReader.FetchedTask task : page.tasks()) {
                        bodies.add(json.writeValueAsString(task.body()));
                    }
                    store.savePage(fetch.id(), page.tasks(), bodies, after == null ? pass + 1 : pass, after, requests.take());
                    progress.page(page.tasks().size(), page.tasks().stream().mapToInt(ConduitReader.FetchedTask::transactions).sum(),
                            page.tasks().isEmpty() ? 0 : page.tasks().get(page.tasks().size() - 1).id(), requests.total());
                } while (after != null);
            }
        } finally {
            progress.done();
        }
    }

    /** The requests of this load not yet added to the fetch's count. */
    private static final class Unrecorded {
        private final ConduitClient client;
        private long recorded;

        Unrecorded(ConduitClient client) {
            this.client = client;
        }

        long take() {
            long made = client.requestsMade();
            long unrecorded = made - recorded;
            recorded = made;
            return unrecorded;
        }

        long total() {
            return client.requestsMade();
        }
    }

    @Override
    public void published(String source, long loadId) {
        store.publish(loadId, clock.instant());
    }

    @Override
    public String probe(String source) {
        String url = url();
        Optional<ConduitFetchStore.Fetch> unfinished = store.unfinished(url);
        if (unfinished.isPresent()) {
            return "the fetch #" + unfinished.get().id() + " is unfinished: a load would go on with it";
        }
        return changedSince(url, properties.conduit().projects())
                .map(since -> "a load would ask for the tasks changed since " + since)
                .orElse("a load would fetch every task" + (properties.conduit().projects().isEmpty() ? "" : " of the projects set"));
    }

    /**
     * The unfinished fetch of {@code url}, if it asks for what this load would; otherwise a new one: the changes since
     * the fetch the mirror is built on ({@link #changedSince}), or every task when there is none or with {@code force}.
     */
    private ConduitFetchStore.Fetch fetchToGoOn(String url, List<String> projects, boolean force) {
        Instant now = clock.instant();
        Optional<ConduitFetchStore.Fetch> unfinished = store.unfinished(url);
        if (unfinished.isPresent()) {
            ConduitFetchStore.Fetch fetch = unfinished.get();
            if (!fetch.projects().equals(projects)) {
                store.abandon(fetch.id(), now, "replaced by a fetch of other projects: phlogiston.conduit.projects changed");
            } else if (force && fetch.incremental()) {
                store.abandon(fetch.id(), now, "replaced by a full fetch (--force)");
            } else {
                log.info("Going on with the unfinished fetch #{} from {}{}", fetch.id(), url,
                        fetch.cursor() == null ? "" : " after task " + fetch.cursor());
                return fetch;
            }
        }
        Instant since = force ? null : changedSince(url, projects).orElse(null);
        log.info("Fetching {} from {}{}", since == null ? "every task" : "the tasks changed since " + since, url,
                projects.isEmpty() ? "" : " in the projects " + String.join(", ", projects));
        return store.start(url, now, since, projects);
    }

    /**
     * What an incremental fetch of {@code url} asks for: the changes since the fetch the mirror is built on began, less
     * the overlap (for clocks that differ and edits that were committed late); none when a full fetch is due.
     */
    private Optional<Instant> changedSince(String url, List<String> projects) {
        return store.watermark(url, projects).map(at -> at.minus(properties.conduit().overlap()));
    }

    /** The project PHID of each pass: one per project named, or a single pass over every task (null). */
    private List<String> passes(ObjectNode section, List<String> projects) throws IOException {
        if (projects.isEmpty()) {
            return Collections.singletonList(null);
        }
        List<String> phids = new ArrayList<>();
        for (String name : projects) {
            // PROJECT_ROW: [id, name, phid, ...]
            Optional<String> phid = StreamSupport.stream(section.path("projects").spliterator(), false)
                    .filter(row -> name.equals(row.path(1).asText())).map(row -> row.path(2).asText()).findFirst();
            phids.add(phid.orElseThrow(() -> new IOException("phlogiston.conduit.projects names the project \"" + name
                    + "\", which " + url() + " does not have (or the token cannot see)")));
        }
        return phids;
    }

    /** Writes the dump of the fetch: the mirror's tasks it did not fetch again (if incremental), and those it did. */
    private Path compose(ConduitFetchStore.Fetch fetch, ObjectNode section) throws IOException {
        Path file = Files.createDirectories(properties.dumpDir()).resolve("conduit-fetch-" + fetch.id() + ".dump");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             DumpDocumentWriter writer = new DumpDocumentWriter(json, out, section)) {
            store.composedTasks(fetch, writer::task);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return file;
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("conduit_project_section holds malformed JSON", e);
        }
    }

    /** The task id a cursor stands for (a Phorge cursor of tasks in id order is the last id), 0 for none. */
    private static int idOf(String after) {
        return after != null && after.matches("\\d{1,9}") ? Integer.parseInt(after) : 0;
    }

    /** The install's address as stored and shown: no trailing slash, credentials masked. */
    private String url() {
        return storedUrl(properties.conduit().url());
    }

    /** {@code url} as conduit_fetch keeps it: no trailing slash, credentials masked. */
    static String storedUrl(URI url) {
        return Secrets.mask(url.toString().replaceAll("/+$", ""));
    }

    private ConduitToken token() {
        try {
            return ConduitToken.load(properties.conduit().tokenFile(), System.getenv());
        } catch (IllegalArgumentException e) {
            throw new NotConfigured(e.getMessage());
        }
    }
}
