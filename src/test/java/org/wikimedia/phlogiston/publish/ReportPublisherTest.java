package org.wikimedia.phlogiston.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPublisherTest {

    private static final String FOOTER = "<footer>the end</footer></html>";
    private static final Pattern PAGE = Pattern.compile("<html><h1>(\\S+)</h1>x*" + Pattern.quote(FOOTER));
    /** Big enough that a reader could catch a page half written, were pages written where readers look. */
    private static final int PAGE_BODY = 64 * 1024;
    /** How many versions a reader sees published while it reads, and how many pages it reads meanwhile at least. */
    private static final int OVERLAPPING = 100;

    @TempDir
    Path output;

    /** Fixed, as under --as-of: versions then differ by their counter only. */
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:15:00Z"), ZoneOffset.UTC);
    private ReportPublisher publisher;

    @BeforeEach
    void keepThreeVersions() {
        publisher = new ReportPublisher(output, 3, clock);
    }

    @Test
    void firstPublishMakesTheReportCurrentThroughALink() throws IOException {
        String version = publish(publisher);

        assertThat(version).isEqualTo("20261126T101500Z-001");
        assertThat(publisher.current("alp")).contains(version);
        assertThat(publisher.versions("alp")).containsExactly(version);
        assertThat(output.resolve("alp")).isSymbolicLink();
        assertThat(Files.readSymbolicLink(output.resolve("alp"))).isEqualTo(Path.of(".versions", "alp", version));
        assertThat(output.resolve("alp/index.html")).content().startsWith("<html><h1>" + version + "</h1>");
        assertThat(output.resolve("alp/data/burnup.csv")).hasContent("day,points\n");
        assertThat(versionFolderEntries()).containsExactly(version);
    }

    @Test
    void secondPublishSwitchesAndKeepsTheOldVersion() throws IOException {
        String first = publish(publisher);
        String second = publish(publisher);

        assertThat(second).isEqualTo("20261126T101500Z-002");
        assertThat(publisher.current("alp")).contains(second);
        assertThat(publisher.versions("alp")).containsExactly(second, first);
        assertThat(output.resolve("alp/index.html")).content().contains(second);
        assertThat(output.resolve(".versions/alp/" + first + "/index.html")).content().contains(first);
    }

    @Test
    void aReportFailingHalfWayLeavesThePublishedVersionByteForByteIntact() throws IOException {
        String published = publish(publisher);
        Map<String, String> before = hashes(output.resolve("alp"));

        assertThatThrownBy(() -> {
            try (ReportPublisher.Draft draft = publisher.start("alp")) {
                writePage(draft.dir().resolve("index.html"), draft.version());
                Files.createDirectories(draft.dir().resolve("data"));
                throw new IllegalStateException("chart failed");
            }
        }).hasMessage("chart failed");

        assertThat(hashes(output.resolve("alp"))).isEqualTo(before).isNotEmpty();
        assertThat(publisher.current("alp")).contains(published);
        assertThat(publisher.versions("alp")).containsExactly(published);
        assertThat(versionFolderEntries()).containsExactly(published);
    }

    @Test
    void keepsTheNewestVersionsOnly() throws IOException {
        for (int i = 0; i < 5; i++) {
            publish(publisher);
        }

        assertThat(publisher.versions("alp"))
                .containsExactly("20261126T101500Z-005", "20261126T101500Z-004", "20261126T101500Z-003");
        assertThat(publisher.current("alp")).contains("20261126T101500Z-005");
        assertThat(versionFolderEntries()).hasSize(3);
    }

    @Test
    void aDraftLeftByACrashedRunIsDeletedByTheNextPublishAndNeverMadeCurrent() throws IOException {
        String first = publish(publisher);
        Path abandoned = publisher.start("alp").dir(); // never closed, as if the process had died
        writePage(abandoned.resolve("index.html"), "abandoned");

        String next = publish(publisher);

        assertThat(abandoned).doesNotExist();
        assertThat(publisher.current("alp")).contains(next);
        assertThat(publisher.versions("alp")).containsExactly(next, first);
    }

    @Test
    void aDraftLeftByAFailedRunIsTakenUpByAnotherProcessAndPublishedWithoutItsStepFiles() throws IOException {
        String first = publish(publisher);
        ReportPublisher.Draft failed = publisher.start("alp");
        writePage(failed.dir().resolve("index.html"), failed.version());
        Files.writeString(failed.stepFiles().resolve("report.json"), "{}");

        ReportPublisher.Draft resumed = new ReportPublisher(output, 3, clock).draft("alp", failed.version());
        assertThat(resumed.dir()).isEqualTo(failed.dir());
        assertThat(resumed.stepFiles().resolve("report.json")).hasContent("{}");
        resumed.publish();

        assertThat(publisher.current("alp")).contains(failed.version());
        assertThat(publisher.versions("alp")).containsExactly(failed.version(), first);
        assertThat(versionFolderEntries()).containsExactlyInAnyOrder(first, failed.version());
        assertThat(output.resolve("alp/.steps")).doesNotExist();
    }

    @Test
    void aNewReportDeletesTheDraftOfAFailedOneWhichCanThenNoLongerBeTakenUp() throws IOException {
        String failed = publisher.start("alp").version();
        ReportPublisher.Draft next = publisher.start("alp");

        assertThat(versionFolderEntries()).containsExactly(".draft-" + next.version());
        assertThatThrownBy(() -> publisher.draft("alp", failed))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("the draft " + output.resolve(".versions/alp/.draft-" + failed)
                        + " is gone: a later report of alp replaced it");
    }

    @Test
    void aDraftOlderThanThePublishedVersionIsNotTakenUp() throws IOException {
        ReportPublisher.Draft older = publisher.start("alp");
        Path kept = older.dir();
        String newer = publish(publisher);
        Files.createDirectories(kept); // as if the report above could not delete it

        assertThatThrownBy(() -> publisher.draft("alp", older.version()))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("version " + newer + " of alp, published since draft " + older.version()
                        + " was started, is newer");
    }

    @Test
    void aPublishInterruptedAfterMovingTheDraftIsFinishedByPublishingItAgain() throws IOException {
        String first = publish(publisher);
        ReportPublisher.Draft draft = publisher.start("alp");
        writePage(draft.dir().resolve("index.html"), draft.version());
        // the move that publish() makes, without the switch that followed it: the process died in between
        Files.move(draft.dir(), output.resolve(".versions/alp/" + draft.version()));
        assertThat(publisher.current("alp")).contains(first);

        publisher.draft("alp", draft.version()).publish();

        assertThat(publisher.current("alp")).contains(draft.version());
        assertThat(output.resolve("alp/index.html")).content().contains(draft.version());
    }

    @Test
    void discardingADraftLeavesThePublishedVersionsAlone() throws IOException {
        String first = publish(publisher);
        String failed = publisher.start("alp").version();

        publisher.discardDraft("alp", failed);
        publisher.discardDraft("alp", first);

        assertThat(versionFolderEntries()).containsExactly(first);
        assertThat(publisher.current("alp")).contains(first);
    }

    @Test
    void rollbackGoesBackOneVersionAtATimeUntilThereIsNoneLeft() throws IOException {
        String first = publish(publisher);
        String second = publish(publisher);
        String third = publish(publisher);

        assertThat(publisher.rollback("alp")).isEqualTo(new ReportPublisher.Rollback(third, second));
        assertThat(output.resolve("alp/index.html")).content().contains(second);
        assertThat(publisher.rollback("alp")).isEqualTo(new ReportPublisher.Rollback(second, first));
        assertThat(publisher.current("alp")).contains(first);
        assertThatThrownBy(() -> publisher.rollback("alp"))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("scope alp has no earlier version to go back to");
        assertThat(publisher.versions("alp")).containsExactly(third, second, first);
    }

    @Test
    void rollbackNeedsAPublishedVersion() {
        assertThatThrownBy(() -> publisher.rollback("alp"))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("scope alp has no published version");
        assertThat(output).isEmptyDirectory();
    }

    @Test
    void readersNeverSeeAMissingOrPartialPage() throws Exception {
        publish(publisher);
        AtomicBoolean publishing = new AtomicBoolean(true);
        AtomicInteger pagesRead = new AtomicInteger();
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            while (publishing.get()) {
                String page = read(output.resolve("alp/index.html"));
                Matcher whole = PAGE.matcher(page);
                assertThat(whole.matches()).as("a whole page").isTrue();
                assertThat(page).hasSize(pageFor(whole.group(1)).length());
                pagesRead.incrementAndGet();
            }
            return pagesRead.get();
        });

        // Counted, not timed: as many versions and reads as it takes, however busy the machine; a failed read ends it.
        int published = 0;
        try {
            while ((published < OVERLAPPING || pagesRead.get() < OVERLAPPING) && !reader.isDone()) {
                publish(publisher);
                published++;
            }
        } finally {
            publishing.set(false);
        }

        assertThat(reader.get()).isGreaterThanOrEqualTo(OVERLAPPING);
        assertThat(published).isGreaterThanOrEqualTo(OVERLAPPING);
    }

    @Test
    void refusesAFolderItDidNotCreate() throws IOException {
        Path folder = Files.createDirectories(output.resolve("alp"));
        Files.writeString(folder.resolve("index.html"), "somebody's own report");

        assertThatThrownBy(() -> publisher.start("alp"))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining(folder + " is not a link made by phlogiston but a real folder");
        assertThat(folder.resolve("index.html")).hasContent("somebody's own report");
    }

    @Test
    void siteFilesAreReplacedWholeAndNoTemporaryFileRemains() throws IOException {
        publisher.writeSiteFile("index.html", "first");
        publisher.writeSiteFile("index.html", "second");

        assertThat(output.resolve("index.html")).hasContent("second");
        try (Stream<Path> files = Files.list(output)) {
            assertThat(files).as("no temporary file remains (.versions holds the site's lock)")
                    .containsExactlyInAnyOrder(output.resolve("index.html"), output.resolve(".versions"));
        }
        assertThatThrownBy(() -> publisher.writeSiteFile("alp", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> publisher.writeSiteFile("../index.html", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A report of two files, index.html naming its version, published; returns the version. */
    private static String publish(ReportPublisher publisher) throws IOException {
        try (ReportPublisher.Draft draft = publisher.start("alp")) {
            writePage(draft.dir().resolve("index.html"), draft.version());
            Files.writeString(Files.createDirectories(draft.dir().resolve("data")).resolve("burnup.csv"), "day,points\n");
            draft.publish();
            return draft.version();
        }
    }

    private static void writePage(Path file, String version) throws IOException {
        Files.writeString(file, pageFor(version));
    }

    private static String pageFor(String version) {
        return "<html><h1>" + version + "</h1>" + "x".repeat(PAGE_BODY) + FOOTER;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> versionFolderEntries() throws IOException {
        try (Stream<Path> entries = Files.list(output.resolve(".versions/alp"))) {
            return entries.map(entry -> entry.getFileName().toString()).filter(name -> !name.equals(".lock")).toList();
        }
    }

    /** The SHA-256 of every file under the folder, by relative path, following the scope's link. */
    private static Map<String, String> hashes(Path folder) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                hashes.put(folder.relativize(file).toString(), sha256(Files.readAllBytes(file)));
            }
        }
        return hashes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
