package org.wikimedia.phlogiston.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.benchmark.conduit.DumpAsConduit;
import org.wikimedia.phlogiston.benchmark.conduit.TestConduitServer;
import org.wikimedia.phlogiston.cli.PhlogistonCommand;

/**
 * What {@code phlogiston status} and {@code history} say of the Conduit source: no fetch yet, a published fetch with
 * the requests the test server counted, an unfinished one the next load goes on with, and the loads in history.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConduitStatusTest extends DatabaseTest {

    private static final String TOKEN = "api-5tatu55tatu55tatu55tatu55tatu";
    private static final int PAGE_SIZE = 50;
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 12, 1);

    @TempDir
    Path dir;

    private byte[] sample;
    private TestConduitServer server;
    private Path settings;

    @BeforeEach
    void serveTheSample() throws IOException {
        // the runs too: their load ids would otherwise name the loads numbered afresh
        jdbc.execute("TRUNCATE dump_load, conduit_task, conduit_project_section, conduit_fetch, batch_job_instance RESTART IDENTITY CASCADE");
        sample = ConduitLoadTest.sampleDump();
        server = new TestConduitServer(TOKEN);
        new DumpAsConduit(sample).serveOn(server);
        settings = ConduitLoadTest.settingsFile(dir.resolve("conduit.yml"), server, ConduitLoadTest.tokenFile(dir, TOKEN), PAGE_SIZE,
                "  source: conduit\n", "    projects: []\n");
    }

    @AfterEach
    void stopTheServer() {
        server.close();
    }

    @Test
    void beforeAnyFetchStatusNamesTheInstallAndWhatTheFirstLoadWillDo(CapturedOutput output) {
        String status = phlogiston(output, FIRST_DAY, "status");
        assertThat(status).contains("No dump has been loaded yet.")
                .contains("Source (phlogiston.source): Conduit\n"
                        + "Conduit install: " + url() + ", every project\n"
                        + "  No fetch yet: the first `load --source conduit` fetches every task.\n")
                .doesNotContain(TOKEN);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void statusAndHistoryShowTheLastFetchAndAnUnfinishedOne(CapturedOutput output) throws IOException {
        assertThat(exitCode(FIRST_DAY, "load")).as(output.getErr()).isZero();
        int tasks = ConduitLoadTest.servedTaskIds(sample).size();
        long transactions = ConduitLoadTest.transactionsIn(jdbc.queryForList("SELECT body FROM conduit_task", String.class));
        int firstRequests = server.requests().size();
        String published = "  Last fetch #1 of every task, started 2026-12-01 12:00:00 UTC: published as load #1.\n"
                + "    %,d requests, %,d tasks and %,d transactions fetched; of those tasks %,d new to the data, 0 in it already.\n"
                .formatted(firstRequests, tasks, transactions, tasks);
        assertThat(phlogiston(output, FIRST_DAY, "status")).contains("Current data: load #1 of conduit:" + url() + "\n")
                .endsWith("Conduit install: " + url() + ", every project\n" + published);

        // the next full fetch stops after three pages: status tells how far it got and that the next load goes on
        List<Integer> ids = ConduitLoadTest.servedTaskIds(sample);
        String stopsAfter = String.valueOf(ids.get(3 * PAGE_SIZE - 1));
        server.failWhile(request -> ConduitLoadTest.isTaskPage(request) && stopsAfter.equals(request.params().path("after").asText()), 503);
        assertThat(exitCode(FIRST_DAY.plusDays(1), "load", "--force")).isEqualTo(1);
        long stoppedTransactions = ConduitLoadTest.transactionsIn(jdbc.queryForList("SELECT body FROM conduit_fetched_task", String.class));
        int secondRequests = server.requests().size() - firstRequests;
        assertThat(phlogiston(output, FIRST_DAY.plusDays(1), "status")).endsWith(published
                + "  Unfinished fetch #2 of every task, started 2026-12-02 12:00:00 UTC: "
                + "%,d requests, %,d tasks and %,d transactions fetched so far.\n"
                .formatted(secondRequests, 3 * PAGE_SIZE, stoppedTransactions)
                + "    The next `load --source conduit` goes on from there.\n");

        server.stopFailing();
        assertThat(exitCode(FIRST_DAY.plusDays(1), "load")).as(output.getErr()).isZero();
        int allRequests = server.requests().size() - firstRequests;
        String history = phlogiston(output, FIRST_DAY.plusDays(1), "history");
        assertThat(history.lines().filter(line -> line.contains("load --")).map(line -> line.substring(line.indexOf("load --"))))
                .containsExactly("load --source conduit", "load --source conduit --force", "load --source conduit");
        assertThat(history).contains("load #3; fetch #2 from %s of every task: %,d requests, %,d tasks and %,d transactions fetched; "
                        .formatted(url(), allRequests, tasks, transactions) + "+0 tasks, +0 transactions since load #1")
                // the fetch that load #2 began is load #3's now, with the requests of both
                .containsPattern("load #2: The fetch from \\Q" + url() + "\\E stopped: .*HTTP 503\\. The pages fetched are kept: "
                        + "the next load from Conduit goes on from there\n")
                .contains("load #1; fetch #1 from %s of every task: %,d requests, %,d tasks and %,d transactions fetched: "
                        .formatted(url(), firstRequests, tasks, transactions))
                .doesNotContain(TOKEN);
        assertThat(phlogiston(output, FIRST_DAY.plusDays(1), "status")).endsWith(
                "  Last fetch #2 of every task, started 2026-12-02 12:00:00 UTC: published as load #3.\n"
                        + "    %,d requests, %,d tasks and %,d transactions fetched; of those tasks 0 new to the data, %,d in it already.\n"
                        .formatted(allRequests, tasks, transactions, tasks));
    }

    @Test
    void aLoadSaysWhatItChangedAgainstTheLoadBeforeItWhateverItsSource(CapturedOutput output) throws IOException {
        Path dump = Files.write(dir.resolve("sample.dump"), sample);
        assertThat(exitCode(FIRST_DAY, "load", "--dump", dump.toString())).as(output.getErr()).isZero();
        long dumpTasks = count("maniphest_task");
        long dumpTransactions = count("maniphest_transaction");
        assertThat(phlogiston(output, FIRST_DAY, "status"))
                .contains("Source (phlogiston.source): Conduit\nConduit install: " + url() + ", every project\n  No fetch yet");
        assertThat(exitCode(FIRST_DAY, "load")).as(output.getErr()).isZero();
        // the test install cannot serve the sample's tasks without info: fewer tasks than the dump, none new
        long tasks = count("maniphest_task");
        assertThat(tasks).isLessThan(dumpTasks);
        assertThat(phlogiston(output, FIRST_DAY, "status"))
                .contains("published as load #2.\n    %,d requests, %,d tasks and ".formatted(server.requests().size(), tasks))
                .endsWith("fetched; of those tasks 0 new to the data, %,d in it already.\n".formatted(tasks));
        String history = phlogiston(output, FIRST_DAY, "history");
        assertThat(history).contains("load --dump " + dump + "\n")
                .contains("load #1: %,d tasks".formatted(dumpTasks))
                .contains("transactions fetched; %+,d task%s, %+,d transactions since load #1: ".formatted(tasks - dumpTasks,
                        Math.abs(tasks - dumpTasks) == 1 ? "" : "s", count("maniphest_transaction") - dumpTransactions));
    }

    private String url() {
        return "http://localhost:" + server.url().getPort();
    }

    /** Runs a command that succeeds and returns what it printed. */
    private String phlogiston(CapturedOutput output, LocalDate asOf, String... args) {
        int from = output.getOut().length();
        assertThat(exitCode(asOf, args)).as(output.getErr()).isZero();
        return output.getOut().substring(from);
    }

    private int exitCode(LocalDate asOf, String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", DATA_DIR, "--as-of", asOf.toString(), "--config", settings.toString()));
        all.addAll(List.of(args));
        return PhlogistonCommand.execute(all.toArray(String[]::new));
    }
}
