package org.wikimedia.phlogiston.publish;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.PhlogistonProperties;
import org.wikimedia.phlogiston.scope.ScopeFiles;

/**
 * The output folder, where each scope's report is published:
 * <pre>
 * &lt;output&gt;/index.html                         all scopes ({@link #writeSiteFile})
 * &lt;output&gt;/&lt;scope&gt;                            symlink to .versions/&lt;scope&gt;/&lt;version&gt;, the current version
 * &lt;output&gt;/.versions/&lt;scope&gt;/&lt;version&gt;/       index.html, the other pages and charts, data/*.csv
 * &lt;output&gt;/.versions/&lt;scope&gt;/.draft-&lt;version&gt;/ a report being built, or one whose run failed
 * </pre>
 * A report is built in a draft folder and made current by renaming a new symlink over {@code <output>/<scope>}.
 * rename(2) is atomic, so a reader opening {@code <output>/<scope>/index.html} gets all of the old version or all
 * of the new one, never a mix and never nothing, and a report that fails leaves the current version as it was.
 * A symlink rather than renaming folders because no call replaces a non-empty folder in one step. The link is
 * relative, so the output folder can be moved or copied ({@code rsync -a}) as a whole.
 *
 * <p>Every change to a scope's versions (a new draft, a switch, pruning) is made holding a lock file in its
 * versions folder, so that a rollback cannot switch to a version that a publish in another process is deleting.
 *
 * <p>A draft outlives the process that started it: a report run that failed keeps its draft, and its restart (in
 * another process) takes it up again by its version ({@link #draft}). A scope has at most one draft at rest: a new
 * report of the scope deletes the drafts of earlier runs, which it supersedes (reports of one scope never run at
 * once: they hold the scope's lock).
 */
@Component
public class ReportPublisher {

    private static final Logger log = LoggerFactory.getLogger(ReportPublisher.class);

    private static final String VERSIONS_FOLDER = ".versions";
    private static final String DRAFT_PREFIX = ".draft-";
    /** In a draft, what the steps of its run hand each other; never published. */
    private static final String STEP_FILES_FOLDER = ".steps";
    /** A name with an extension can never be taken for a scope's link (scope names have no dot). */
    private static final Pattern SITE_FILE_NAME = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9._-]+");

    /**
     * One monitor per lock file in this JVM: a file lock keeps other processes out, but a second thread of the
     * same process asking for it gets an OverlappingFileLockException instead of waiting.
     */
    private static final Map<Path, Object> LOCKS_IN_THIS_PROCESS = new ConcurrentHashMap<>();

    private final Path outputDir;
    private final int keepVersions;
    private final Clock clock;

    @Autowired
    public ReportPublisher(PhlogistonProperties properties, Clock clock) {
        this(properties.outputDir(), properties.publish().keepVersions(), clock);
    }

    public ReportPublisher(Path outputDir, int keepVersions, Clock clock) {
        this.outputDir = outputDir.toAbsolutePath().normalize();
        this.keepVersions = keepVersions;
        this.clock = clock;
    }

    /**
     * A new, empty version of the scope's report to write into; the drafts that earlier runs left (they failed) are
     * deleted, as this report supersedes them. Refuses at once, before any work is done, when
     * {@code <output>/<scope>} is not a link this class made.
     */
    public Draft start(String scope) {
        ScopeFiles.requireScopeName(scope);
        return underScopeLock(scope, "start a new version", () -> {
            currentId(scope); // refuses a foreign <output>/<scope> before the report is built, not after
            VersionId id = VersionId.next(clock.instant(), allIds(scope).max(Comparator.naturalOrder()));
            draftIds(scope).forEach(earlier -> deleteOrWarn(draftDir(scope, earlier)));
            return new Draft(scope, id, Files.createDirectory(draftDir(scope, id)));
        });
    }

    /**
     * The draft of {@code version} that a run started, in this process or in one before it, to go on with it. Refuses
     * when it is gone (a later report of the scope replaced it) or when a later version has been published since.
     * A draft that a publish interrupted after moving it (the process was killed) is found too, and publishing it
     * again finishes that publish.
     */
    public Draft draft(String scope, String version) {
        ScopeFiles.requireScopeName(scope);
        VersionId id = versionId(version);
        Optional<VersionId> current = currentId(scope);
        if (current.isPresent() && current.get().compareTo(id) > 0) {
            throw new PublishException("version " + current.get() + " of " + scope + ", published since draft "
                    + id + " was started, is newer");
        }
        Path draftDir = draftDir(scope, id);
        Path moved = versionsDir(scope).resolve(id.toString());
        if (Files.isDirectory(draftDir, NOFOLLOW_LINKS)) {
            return new Draft(scope, id, draftDir);
        }
        if (Files.isDirectory(moved, NOFOLLOW_LINKS)) {
            return new Draft(scope, id, moved);
        }
        throw new PublishException("the draft " + draftDir + " is gone: a later report of " + scope + " replaced it");
    }

    /** Deletes the draft of {@code version}, if it is there; a published version is never touched. */
    public void discardDraft(String scope, String version) {
        ScopeFiles.requireScopeName(scope);
        VersionId id = versionId(version);
        underScopeLock(scope, "delete draft " + id, () -> {
            deleteTree(draftDir(scope, id));
            return null;
        });
    }

    /** The version readers of {@code <output>/<scope>} see; empty if the scope was never published. */
    public Optional<String> current(String scope) {
        ScopeFiles.requireScopeName(scope);
        return currentId(scope).map(VersionId::toString);
    }

    /** The published versions of the scope still on disk, newest first. */
    public List<String> versions(String scope) {
        ScopeFiles.requireScopeName(scope);
        return publishedIds(scope).sorted(Comparator.reverseOrder()).map(VersionId::toString).toList();
    }

    /** Makes the version published before the current one current again. */
    public Rollback rollback(String scope) {
        ScopeFiles.requireScopeName(scope);
        // checked before taking the lock, which would create the scope's versions folder
        if (currentId(scope).isEmpty()) {
            throw neverPublished(scope);
        }
        return underScopeLock(scope, "roll back", () -> {
            VersionId current = currentId(scope).orElseThrow(() -> neverPublished(scope));
            VersionId earlier = publishedIds(scope).filter(id -> id.compareTo(current) < 0)
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new PublishException("scope " + scope + " has no earlier version to go back to: "
                            + current + " is the oldest kept in " + versionsDir(scope)));
            switchTo(scope, earlier);
            log.info("Rolled {} back from version {} to {}", scope, current, earlier);
            return new Rollback(current.toString(), earlier.toString());
        });
    }

    /**
     * Replaces {@code <output>/<fileName>} (such as index.html, the list of all scopes) in one step: readers see
     * the old file or the new one, never a part.
     */
    public void writeSiteFile(String fileName, String content) {
        writeSiteFile(fileName, () -> content);
    }

    /**
     * Replaces a file at the output root atomically, its content made while holding the site's lock: two reports
     * of different scopes finishing together must not write their lists of scopes in the wrong order.
     */
    public void writeSiteFile(String fileName, Supplier<String> content) {
        if (!SITE_FILE_NAME.matcher(fileName).matches()) {
            throw new IllegalArgumentException("'" + fileName + "' is not a plain file name with an extension, such as index.html");
        }
        Path target = outputDir.resolve(fileName);
        underLock(outputDir.resolve(VERSIONS_FOLDER), "write", target.toString(), () -> {
            // not Files.createTempFile: its files are readable by their owner only, so the web server could not read them
            Path temporary = outputDir.resolve("." + fileName + "." + UUID.randomUUID() + ".tmp");
            try {
                Files.write(temporary, content.get().getBytes(StandardCharsets.UTF_8), CREATE_NEW, WRITE);
                Files.move(temporary, target, ATOMIC_MOVE, REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(temporary);
                throw e;
            }
            return null;
        });
    }

    /** What a rollback switched: from the version that was current to the one that is now. */
    public record Rollback(String from, String to) {
    }

    /**
     * A version being built: write the report into {@link #dir()}, then {@link #publish()}. Closing a draft that
     * was not published (the report failed) deletes it; the current version is never touched.
     */
    public final class Draft implements AutoCloseable {

        private final String scope;
        private final VersionId id;
        private Path dir;
        private boolean published;

        private Draft(String scope, VersionId id, Path dir) {
            this.scope = scope;
            this.id = id;
            this.dir = dir;
        }

        /** Where the version's files go; it moves on {@link #publish()}, so keep no absolute paths to it. */
        public Path dir() {
            return dir;
        }

        /**
         * A folder in the draft for the files that the steps of its run hand each other, so that a restart in
         * another process finds them; it is deleted when the draft is published, and so never published.
         */
        public Path stepFiles() throws IOException {
            return Files.createDirectories(dir.resolve(STEP_FILES_FOLDER));
        }

        public String version() {
            return id.toString();
        }

        /**
         * Makes this version current in one step, then deletes the versions beyond the newest
         * {@code keep-versions} (never the current one) and drafts left by runs that crashed.
         */
        public void publish() {
            if (published) {
                throw new IllegalStateException("version " + id + " of " + scope + " is already published");
            }
            underScopeLock(scope, "publish version " + id, () -> {
                currentId(scope); // refuses a folder or foreign link put there since start()
                Path version = versionsDir(scope).resolve(id.toString());
                if (!dir.equals(version)) { // else moved by a publish that was interrupted before the switch
                    deleteTree(dir.resolve(STEP_FILES_FOLDER));
                    dir = Files.move(dir, version, ATOMIC_MOVE);
                }
                switchTo(scope, id);
                published = true;
                log.info("Published version {} of {} in {}", id, scope, outputDir);
                prune(scope, id);
                return null;
            });
        }

        @Override
        public void close() {
            if (!published) {
                try {
                    deleteTree(dir);
                } catch (IOException e) {
                    throw new PublishException("Could not delete the unpublished version " + dir, e);
                }
            }
        }
    }

    private Optional<VersionId> currentId(String scope) {
        Path link = outputDir.resolve(scope);
        if (!Files.exists(link, NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isSymbolicLink(link)) {
            throw new PublishException(link + " is not a link made by phlogiston but a real folder or file, which is "
                    + "left as it is: move it away so that the reports of " + scope + " can be published there");
        }
        try {
            Path target = Files.readSymbolicLink(link);
            Optional<VersionId> id = Path.of(VERSIONS_FOLDER, scope).equals(target.getParent())
                    ? VersionId.parse(target.getFileName().toString())
                    : Optional.empty();
            return Optional.of(id.orElseThrow(() -> new PublishException(link + " links to " + target
                    + ", not to a version published by phlogiston; remove the link to publish " + scope + " there")));
        } catch (IOException e) {
            throw new PublishException("Could not read the link " + link, e);
        }
    }

    /** Points {@code <output>/<scope>} at the version in one step (a new link renamed over the old one). */
    private void switchTo(String scope, VersionId id) throws IOException {
        Path newLink = outputDir.resolve("." + scope + ".next");
        Files.deleteIfExists(newLink); // left by a run that died between the next two steps
        Files.createSymbolicLink(newLink, Path.of(VERSIONS_FOLDER, scope, id.toString()));
        Files.move(newLink, outputDir.resolve(scope), ATOMIC_MOVE, REPLACE_EXISTING);
    }

    /**
     * Deletes what is no longer needed: published versions beyond the newest {@code keepVersions} except the
     * current one, and drafts older than it, which runs that crashed left behind (a newer draft may be a run still
     * at work). A failure here does not undo the publication, so it is only logged.
     */
    private void prune(String scope, VersionId current) {
        List<VersionId> oldVersions = publishedIds(scope).sorted(Comparator.reverseOrder()).skip(keepVersions)
                .filter(id -> !id.equals(current)).toList();
        List<VersionId> abandonedDrafts = draftIds(scope).filter(id -> id.compareTo(current) < 0).toList();
        oldVersions.forEach(id -> deleteOrWarn(versionsDir(scope).resolve(id.toString())));
        abandonedDrafts.forEach(id -> deleteOrWarn(draftDir(scope, id)));
    }

    private static void deleteOrWarn(Path folder) {
        try {
            deleteTree(folder);
        } catch (IOException e) {
            log.warn("Could not delete {}, which is no longer needed: {}", folder, e.toString());
        }
    }

    private Path versionsDir(String scope) {
        return outputDir.resolve(VERSIONS_FOLDER).resolve(scope);
    }

    private static VersionId versionId(String version) {
        return VersionId.parse(version)
                .orElseThrow(() -> new IllegalArgumentException("'" + version + "' is not a version name"));
    }

    private Path draftDir(String scope, VersionId id) {
        return versionsDir(scope).resolve(DRAFT_PREFIX + id);
    }

    private Stream<VersionId> publishedIds(String scope) {
        return folderNames(scope).flatMap(name -> VersionId.parse(name).stream());
    }

    private Stream<VersionId> draftIds(String scope) {
        return folderNames(scope).filter(name -> name.startsWith(DRAFT_PREFIX))
                .flatMap(name -> VersionId.parse(name.substring(DRAFT_PREFIX.length())).stream());
    }

    private Stream<VersionId> allIds(String scope) {
        return Stream.concat(publishedIds(scope), draftIds(scope));
    }

    private Stream<String> folderNames(String scope) {
        Path dir = versionsDir(scope);
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(entry -> entry.getFileName().toString()).toList().stream();
        } catch (IOException e) {
            throw new PublishException("Could not list the versions in " + dir, e);
        }
    }

    private PublishException neverPublished(String scope) {
        return new PublishException("scope " + scope + " has no published version in " + outputDir + " to go back from");
    }

    @FunctionalInterface
    private interface ScopeChange<T> {
        T run() throws IOException;
    }

    private <T> T underScopeLock(String scope, String what, ScopeChange<T> change) {
        return underLock(versionsDir(scope), what, "of " + scope, change);
    }

    /** Runs the change holding the lock file of the folder, against this and other processes. */
    private static <T> T underLock(Path dir, String what, String subject, ScopeChange<T> change) {
        try {
            Files.createDirectories(dir);
            Path lockFile = dir.resolve(".lock");
            synchronized (LOCKS_IN_THIS_PROCESS.computeIfAbsent(lockFile, file -> new Object())) {
                try (FileChannel channel = FileChannel.open(lockFile, CREATE, WRITE);
                     FileLock lock = channel.lock()) {
                    return change.run();
                }
            }
        } catch (IOException e) {
            throw new PublishException("Could not " + what + " " + subject + " in " + dir, e);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder, NOFOLLOW_LINKS)) {
            return;
        }
        // deepest first; walk does not follow links, so nothing outside the folder is touched
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the temporary file {}: {}", file, e.toString());
        }
    }
}
