package org.wikimedia.phlogiston.dump;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Shows how far the parser has read: on a terminal, one line rewritten in place (bytes and tasks read, rate,
 * time left); elsewhere nothing, since logs get one line per phase instead.
 */
final class LoadProgress implements DumpParser.Progress {

    private static final long REDRAW_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final PrintStream terminal;
    private final long totalBytes;
    private final long startedAt = System.nanoTime();
    private long lastDrawn;

    private LoadProgress(PrintStream terminal, long totalBytes) {
        this.terminal = terminal;
        this.totalBytes = totalBytes;
    }

    /** Progress on standard error when it is a terminal; silent otherwise. */
    static LoadProgress forFileOf(long totalBytes) {
        return new LoadProgress(System.console() == null ? null : System.err, totalBytes);
    }

    @Override
    public void advanced(long bytesRead, long tasksRead) {
        long now = System.nanoTime();
        if (terminal == null || now - lastDrawn < REDRAW_EVERY_NANOS) {
            return;
        }
        lastDrawn = now;
        double seconds = Math.max(1e-3, (now - startedAt) / 1e9);
        double bytesPerSecond = bytesRead / seconds;
        long secondsLeft = bytesPerSecond > 0 ? (long) ((totalBytes - bytesRead) / bytesPerSecond) : 0;
        terminal.printf("\r  read %,d of %,d MB (%d%%), %,d tasks, %.1f MB/s, about %dm%02ds left   ",
                bytesRead >> 20, totalBytes >> 20, totalBytes > 0 ? bytesRead * 100 / totalBytes : 0, tasksRead,
                bytesPerSecond / (1 << 20), secondsLeft / 60, secondsLeft % 60);
        terminal.flush();
    }

    void done() {
        if (terminal != null && lastDrawn != 0) {
            terminal.print("\r" + " ".repeat(100) + "\r");
            terminal.flush();
        }
    }
}
