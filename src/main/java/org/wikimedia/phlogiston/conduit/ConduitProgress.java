package org.wikimedia.phlogiston.conduit;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows how far a fetch has got: tasks and transactions fetched, requests made and a rough time left; on a
 * terminal one line rewritten in place, otherwise a log line every half minute.
 *
 * <p>The time left: a pass asks for tasks in the order of their ids, up to the highest id its query selects (one
 * request, {@link ConduitReader#highestTaskId}). The ids covered so far in this run, against the time they took,
 * give the time the rest of the ids will take. Modified tasks cluster among recent ids, so during an incremental
 * fetch the estimate is rough; for a full fetch it is close.
 */
final class ConduitProgress {

    private static final Logger log = LoggerFactory.getLogger(ConduitProgress.class);
    private static final long REDRAW_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final PrintStream terminal;
    private final LongSupplier nanoTime;
    private final int passes;
    private long tasks;
    private long transactions;
    private int pass;
    private long passStartedAt;
    private int firstId;
    private int highestId;
    private long lastShown;

    /** Progress on {@code terminal} (null: in the log), timed by {@code nanoTime}. */
    ConduitProgress(PrintStream terminal, LongSupplier nanoTime, int passes) {
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.passes = passes;
        this.lastShown = nanoTime.getAsLong();
    }

    /** Progress on standard error when it is a terminal, in the log otherwise. */
    static ConduitProgress start(int passes) {
        return new ConduitProgress(System.console() == null ? null : System.err, System::nanoTime, passes);
    }

    /** Pass {@code pass} (from 0) starts after task {@code afterId} (0: from its first), up to {@code highestId}. */
    void pass(int pass, int afterId, int highestId) {
        this.pass = pass;
        this.firstId = afterId;
        this.highestId = highestId;
        this.passStartedAt = nanoTime.getAsLong();
    }

    /** A page is stored: its tasks, up to task {@code lastId}, and the requests made so far. */
    void page(int pageTasks, int pageTransactions, int lastId, long requests) {
        tasks += pageTasks;
        transactions += pageTransactions;
        long now = nanoTime.getAsLong();
        if (now - lastShown < (terminal == null ? LOG_EVERY_NANOS : REDRAW_EVERY_NANOS)) {
            return;
        }
        lastShown = now;
        String line = "%s%,d tasks, %,d transactions, %,d requests%s".formatted(passes > 1 ? "project %d of %d: ".formatted(pass + 1, passes) : "",
                tasks, transactions, requests, timeLeft(now, lastId));
        if (terminal == null) {
            log.info("Fetched so far: {}", line);
        } else {
            terminal.print("\r  " + line + "   ");
            terminal.flush();
        }
    }

    private String timeLeft(long now, int lastId) {
        if (lastId <= firstId || highestId <= lastId) {
            return "";
        }
        long secondsLeft = (long) ((now - passStartedAt) / 1e9 * (highestId - lastId) / (lastId - firstId));
        return ", about %dm%02ds left%s".formatted(secondsLeft / 60, secondsLeft % 60, passes > pass + 1 ? " in this project" : "");
    }

    void done() {
        if (terminal != null) {
            terminal.print("\r" + " ".repeat(100) + "\r");
            terminal.flush();
        }
    }
}
