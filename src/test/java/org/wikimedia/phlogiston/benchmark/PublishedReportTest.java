package org.wikimedia.phlogiston.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kill campaign's idea of a complete published report, on folders built by hand. */
class PublishedReportTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x49, 0x45, 0x4E, 0x44, (byte) 0xAE, 0x42, 0x60, (byte) 0x82};
    private static final Set<String> COMPLETE = Set.of("index.html", "chart.png", "data/burnup.csv");

    @TempDir
    Path output;

    private Path version;

    @BeforeEach
    void publishCompleteVersion() throws IOException {
        version = Files.createDirectories(output.resolve(".versions/alp/20261120T120000Z-001"));
        Files.createDirectories(version.resolve("data"));
        Files.writeString(version.resolve("index.html"), page("<img src=\"chart.png\"> <a href=\"data/burnup.csv\">data</a> "
                + "<a href=\"../index.html\">all</a> <a href=\"https://phabricator.example/T1\">T1</a> <a href=\"#top\">top</a>"));
        Files.write(version.resolve("chart.png"), PNG);
        Files.writeString(version.resolve("data/burnup.csv"), "date,count\n");
        Files.createSymbolicLink(output.resolve("alp"), Path.of(".versions/alp/20261120T120000Z-001"));
        Files.writeString(output.resolve("index.html"), page("<a href=\"alp/index.html\">alp</a>"));
    }

    private static String page(String body) {
        return "<!DOCTYPE html>\n<html><body>" + body + "</body></html>\n";
    }

    private List<String> problems() {
        return PublishedReport.read(output, "alp").problemsAgainst(List.of(COMPLETE));
    }

    @Test
    void aCompleteVersionHasNoProblems() {
        PublishedReport report = PublishedReport.read(output, "alp");

        assertThat(report.version()).isEqualTo("20261120T120000Z-001");
        assertThat(report.files()).isEqualTo(COMPLETE);
        assertThat(report.problemsAgainst(List.of(COMPLETE))).isEmpty();
    }

    @Test
    void aPageCutShortAndAMissingReferenceAreProblems() throws IOException {
        Files.writeString(version.resolve("index.html"), "<!DOCTYPE html>\n<html><body><img src=\"chart.png\"><img src=\"gone.png\">");

        assertThat(problems()).containsExactly("index.html ends before </html>", "index.html references missing gone.png");
    }

    @Test
    void anEmptyFileAndAPngCutShortAreProblems() throws IOException {
        Files.writeString(version.resolve("data/burnup.csv"), "");
        Files.write(version.resolve("chart.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});

        assertThat(problems()).containsExactlyInAnyOrder("data/burnup.csv is empty", "chart.png is not a whole PNG image");
    }

    @Test
    void aVersionWithoutAFileOfTheCompleteReportIsIncomplete() throws IOException {
        Files.delete(version.resolve("data/burnup.csv"));
        Files.writeString(version.resolve("index.html"), page("<img src=\"chart.png\">"));

        assertThat(problems()).containsExactly("20261120T120000Z-001 has no data files",
                "20261120T120000Z-001 differs from a complete report in -data/burnup.csv");
    }

    @Test
    void aLinkToADraftIsNotAPublishedReport() throws IOException {
        Path draft = Files.createDirectories(output.resolve(".versions/alp/.draft-20261120T120000Z-002"));
        Files.delete(output.resolve("alp"));
        Files.createSymbolicLink(output.resolve("alp"), output.relativize(draft));

        PublishedReport report = PublishedReport.read(output, "alp");

        assertThat(report.drafts()).isEqualTo(1);
        assertThat(report.problemsAgainst(List.of(COMPLETE))).singleElement().asString()
                .contains("not a published version folder");
    }

    @Test
    void aMissingLinkAndASiteIndexNamingAMissingReportAreProblems() throws IOException {
        Files.delete(output.resolve("alp"));

        assertThat(problems()).containsExactly(output.resolve("alp") + " is missing");
        Files.writeString(output.resolve("index.html"), page("<a href=\"bet/index.html\">bet</a>"));
        Files.createSymbolicLink(output.resolve("alp"), Path.of(".versions/alp/20261120T120000Z-001"));
        assertThat(problems()).containsExactly("index.html references missing bet/index.html");
    }
}
