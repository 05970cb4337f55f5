package org.wikimedia.phlogiston.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The progress line of a fetch on a terminal: counts, requests, and the time left from the ids covered so far. */
class ConduitProgressTest {

    private final AtomicLong nanos = new AtomicLong();
    private final ByteArrayOutputStream shown = new ByteArrayOutputStream();
    private final PrintStream terminal = new PrintStream(shown, true, StandardCharsets.UTF_8);

    @Test
    void estimatesTheTimeLeftFromTheIdsCoveredSinceThePassStarted() {
        ConduitProgress progress = new ConduitProgress(terminal, nanos::get, 1);
        progress.pass(0, 0, 1_000);
        after(10);
        progress.page(100, 1_234, 100, 103);
        assertThat(lastLine()).isEqualTo("100 tasks, 1,234 transactions, 103 requests, about 1m30s left");

        after(10);
        progress.page(100, 766, 400, 206);
        assertThat(lastLine()).isEqualTo("200 tasks, 2,000 transactions, 206 requests, about 0m30s left");
    }

    @Test
    void aResumedPassCountsOnlyTheIdsAfterItsCursorAndNamesTheProjectOfSeveral() {
        ConduitProgress progress = new ConduitProgress(terminal, nanos::get, 3);
        progress.pass(1, 500, 1_500);
        after(20);
        progress.page(50, 400, 600, 60);
        assertThat(lastLine()).isEqualTo("project 2 of 3: 50 tasks, 400 transactions, 60 requests, about 3m00s left in this project");
    }

    @Test
    void redrawsAtMostFourTimesASecondAndClearsTheLineWhenDone() {
        ConduitProgress progress = new ConduitProgress(terminal, nanos::get, 1);
        progress.pass(0, 0, 1_000);
        after(1);
        progress.page(10, 10, 10, 11);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        progress.page(10, 10, 20, 22);
        assertThat(shown.toString(StandardCharsets.UTF_8)).doesNotContain("20 tasks");

        progress.done();
        assertThat(shown.toString(StandardCharsets.UTF_8)).endsWith("\r" + " ".repeat(100) + "\r");
    }

    private void after(long seconds) {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    private String lastLine() {
        String all = shown.toString(StandardCharsets.UTF_8);
        return all.substring(all.lastIndexOf('\r') + 1).strip();
    }
}
