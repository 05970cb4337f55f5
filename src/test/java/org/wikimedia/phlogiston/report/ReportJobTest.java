package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.dump.DumpLoader;
import org.wikimedia.phlogiston.history.HandBuiltHistory;
import org.wikimedia.phlogiston.history.Reconstruction;
import org.wikimedia.phlogiston.runcontrol.ScopeJobLauncher;

/** The report job end to end on the hand-built history, published into target/test-reports. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"phlogiston.scopes-dir=src/test/resources/history-scopes",
        "phlogiston.output-dir=target/test-reports"})
class ReportJobTest extends DatabaseTest {

    private static final Path OUTPUT = Path.of("target/test-reports");

    @Autowired
    DumpLoader loader;

    @Autowired
    Reconstruction reconstruction;

    @Autowired
    Reporting reporting;

    @MockitoSpyBean
    ChartRenderer charts;

    @BeforeAll
    void loadReconstructAndReport() throws IOException {
        jdbc.execute("TRUNCATE dump_load");
        Files.createDirectories(OUTPUT);
        loader.load(HandBuiltHistory.dump().writeTo(Files.createTempFile("history", ".dump")).toString(), true);
        assertThat(reconstruction.run("recat", false, null, Duration.ZERO).succeeded()).isTrue();
        ScopeJobLauncher.Outcome outcome = reporting.run("recat", Duration.ZERO);
        assertThat(outcome.succeeded()).as(outcome.message()).isTrue();
    }

    @Test
    void aReportIsPublishedWithItsPagesChartsAndDataAndListedInTheSiteIndex() throws IOException {
        Path report = OUTPUT.resolve("recat");
        assertThat(report.resolve("index.html")).exists();
        assertThat(report.resolve("data/burnup.csv")).exists();
        try (Stream<Path> files = Files.list(report)) {
            assertThat(files.map(Path::toString)).anyMatch(name -> name.endsWith(".png"));
        }
        assertThat(Files.readString(OUTPUT.resolve("index.html"))).contains("recat/index.html");
    }

    @Test
    void aFailureInTheMiddleLeavesThePublishedReportByteForByte() throws IOException {
        Map<String, String> before = checksums(OUTPUT.resolve("recat"));
        doThrow(new UncheckedIOException(new IOException("disk full (injected)"))).when(charts).render(any(), any());
        try {
            ScopeJobLauncher.Outcome outcome = reporting.run("recat", Duration.ZERO);
            assertThat(outcome.succeeded()).isFalse();
            assertThat(outcome.message()).contains("disk full (injected)", "the published one is as it was");
        } finally {
            reset(charts);
        }
        assertThat(checksums(OUTPUT.resolve("recat"))).isEqualTo(before);
        try (Stream<Path> versions = Files.list(OUTPUT.resolve(".versions/recat"))) {
            assertThat(versions.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith(".draft"));
        }
    }

    private static Map<String, String> checksums(Path dir) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir.toRealPath())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                sums.put(dir.toRealPath().relativize(file).toString(), sha256(file));
            }
        }
        return sums;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
