package org.wikimedia.phlogiston.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.springframework.context.ConfigurableApplicationContext;

import org.wikimedia.phlogiston.run.NightlySchedule;

/** The command line as a user meets it: help, usage errors, exit codes, global options in either place. */
class CommandLineTest {

    /** A database of its own, so that loads by other tests do not set the bar of the task-count check. */
    private static final String DATA_DIR = "target/test-data-cli";

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void helpListsEveryCommandWithOneLine() {
        assertThat(run("--help")).isZero();
        assertThat(cli.out())
                .containsPattern("load\\s+Download the Phabricator dump")
                .containsPattern("status\\s+Show the dump currently loaded")
                .containsPattern("generate-dump\\s+Write a synthetic dump")
                .contains("--db-url", "--data-dir", "--as-of");
    }

    @Test
    void wrongUsageExitsWith64AndSaysWhy() {
        assertThat(run("load", "--no-such-option")).isEqualTo(64);
        assertThat(cli.err()).contains("Unknown option: '--no-such-option'");
        assertThat(run("generate-dump", "--tasks", "3", "--out", dir.resolve("x.dump").toString())).isEqualTo(64);
        assertThat(cli.err()).contains("needs --as-of");
    }

    @Test
    void generateDumpNeedsNoDatabase() throws IOException {
        Path file = dir.resolve("tiny.dump");
        assertThat(run("generate-dump", "--tasks", "20", "--seed", "7", "--as-of", "2026-11-20", "--out", file.toString())).isZero();
        assertThat(cli.out()).contains("Wrote " + file + ": 20 tasks");
        assertThat(Files.readString(file)).startsWith("{").contains("\"task\"");
    }

    @Test
    void loadAndStatusReportAndExitWithTheOutcome() throws IOException {
        Path good = dir.resolve("good.dump");
        assertThat(run("generate-dump", "--tasks", "30", "--as-of", "2026-11-20", "--out", good.toString())).isZero();
        // global options are accepted before and after the command name
        assertThat(run("--data-dir", DATA_DIR, "load", "--dump", good.toString(), "--force")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Loaded " + good).contains("30 tasks");

        Path broken = Files.writeString(dir.resolve("broken.dump"), "{\"task\": {\"1\": ");
        assertThat(run("load", "--data-dir", DATA_DIR, "--dump", broken.toString())).isEqualTo(1);
        assertThat(cli.out()).contains("the data loaded before is untouched", "cut off");

        assertThat(run("status", "--data-dir", DATA_DIR)).isZero();
        assertThat(cli.out()).contains("Current data: load #").contains("maniphest_task", "30 rows")
                .containsPattern("failed .* " + broken);
    }

    @Test
    void onlyServeStartsTheScheduler() {
        PhlogistonCommand phlogiston = new PhlogistonCommand();
        phlogiston.global = new GlobalOptions();
        phlogiston.global.dataDir = Path.of(DATA_DIR);
        try (ConfigurableApplicationContext once = phlogiston.startApplication()) {
            assertThat(once.getBeanNamesForType(Scheduler.class)).isEmpty();
            // stopping a schedule that never started, as closing the application does, needs no scheduler
            once.getBean(NightlySchedule.class).stop();
        }
        try (ConfigurableApplicationContext serving = phlogiston.startApplication(PhlogistonCommand.Schedule.QUARTZ)) {
            assertThat(serving.getBeanNamesForType(Scheduler.class)).hasSize(1);
        }
    }
}
