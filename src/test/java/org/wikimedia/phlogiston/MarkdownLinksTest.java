package org.wikimedia.phlogiston;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkdownLinksTest {

    @Test
    void everyRelativeLinkBetweenTheRepositorysMarkdownFilesLeadsToAFileAndHeading() {
        Path repository = Path.of("").toAbsolutePath();
        assertThat(repository.resolve("pom.xml")).as("the tests run in the repository's root").exists();
        MarkdownLinks links = new MarkdownLinks(repository);

        assertThat(links.markdownFiles())
                .extracting(file -> repository.relativize(file).toString().replace('\\', '/'))
                .contains("README.md", "CONTRIBUTING.md", "docs/architecture.md", "docs/operating.md", "docs/reports.md",
                        "scopes/README.md", "html/README.md")
                .noneMatch(file -> file.startsWith("target/") || file.contains("node_modules/"));
        assertThat(links.problems()).as("broken links (file:line: link: why)").isEmpty();
    }

    @Test
    void namesTheFileAndLineOfAMissingFileAndOfAnAnchorThatIsNoHeading(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("README.md"), """
                # Title

                See [the guide](docs/guide.md), [its setup](docs/guide.md#setup) and [the end](#the-end).
                ![a chart](docs/images/chart.png) and [gone](docs/gone.md) and [no such part](docs/guide.md#teardown).
                [mail](mailto:someone@example.org), [web](https://example.org/x.md#y), [code](`not/a/link.md`).

                ## The end
                """);
        Files.writeString(root.resolve("docs/guide.md"), """
                # Guide

                ## Setup
                Back to the [README](../README.md#title), to [a repeated part](#setup-1) and [a third](#setup-2).

                ```
                ## Not a heading: inside a code block; nor is [this](missing.md) a link
                ```

                ## Setup
                Text with a `[code span](missing.md)`.
                """);

        assertThat(new MarkdownLinks(root).problems()).containsExactly(
                "README.md:4: docs/images/chart.png: no file docs/images/chart.png",
                "README.md:4: docs/gone.md: no file docs/gone.md",
                "README.md:4: docs/guide.md#teardown: no heading #teardown in docs/guide.md",
                "docs/guide.md:4: #setup-2: no heading #setup-2 in docs/guide.md");

        Files.createDirectories(root.resolve("docs/images"));
        Files.write(root.resolve("docs/images/chart.png"), new byte[] {1});
        Files.writeString(root.resolve("docs/gone.md"), "# Gone\n");
        assertThat(new MarkdownLinks(root).problems()).containsExactly(
                "README.md:4: docs/guide.md#teardown: no heading #teardown in docs/guide.md",
                "docs/guide.md:4: #setup-2: no heading #setup-2 in docs/guide.md");
    }

    @Test
    void leavesOutBuildOutputAndHiddenFolders(@TempDir Path root) throws IOException {
        for (String folder : new String[] {"target/site", "node_modules/x", ".git", "html"}) {
            Files.createDirectories(root.resolve(folder));
            Files.writeString(root.resolve(folder).resolve("README.md"), "[broken](nowhere.md)\n");
        }

        assertThat(new MarkdownLinks(root).problems())
                .containsExactly("html/README.md:1: nowhere.md: no file html/nowhere.md");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Commands | commands",
            "`phlogiston run`: the pipeline in one command | phlogiston-run-the-pipeline-in-one-command",
            "Run control: one load at a time, one job per scope | run-control-one-load-at-a-time-one-job-per-scope",
            "Reconstructing a scope's history | reconstructing-a-scopes-history",
            "Velocity and forecasts (`report.forecast`) | velocity-and-forecasts-reportforecast",
            "Issue #12: where each goal stands (2026-12-04 20:02–20:17, commit dbaf063) "
                    + "| issue-12-where-each-goal-stands-2026-12-04-20022017-commit-dbaf063",
            "The `task_on_date` view | the-task_on_date-view",
            "A [linked](other.md) heading | a-linked-heading",
            "Goal ≤ 30 s | goal--30-s"})
    void slugsFollowGitHub(String heading, String slug) {
        assertThat(MarkdownLinks.slug(heading)).isEqualTo(slug);
    }
}
