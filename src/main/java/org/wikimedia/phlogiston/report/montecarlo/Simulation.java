package org.wikimedia.phlogiston.report.montecarlo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The outcome of the trials of one category and measure: in which week each trial finished the open work (if
 * within the horizon), and how much work each had done by the target week.
 */
public final class Simulation {

    private final int trials;
    /** Index k: how many trials finished in week k (0: nothing was open). */
    private final int[] finishedInWeek;
    /** Work done by the target week, one value per trial, ascending. */
    private final long[] doneByTarget;

    private Simulation(int trials, int[] finishedInWeek, long[] doneByTarget) {
        this.trials = trials;
        this.finishedInWeek = finishedInWeek;
        this.doneByTarget = doneByTarget;
    }

    /**
     * Runs the trials. Each walks week by week from the window's open work: it draws one week of the window (each
     * equally likely), adds that week's growth and takes away that week's throughput (never more than is open, so
     * that work done after the backlog is empty is new work), until the work is done and the target week is
     * reached, or the horizon has passed and the target week is reached. One {@link SplittableRandom} of the seed
     * draws every week of every trial in order, so the same seed gives the same outcome.
     *
     * @param targetWeeks how many weeks count for "how many"; 0 for none
     */
    public static Simulation run(SamplingWindow window, int trials, int horizonWeeks, int targetWeeks, long seed) {
        int[] finishedInWeek = new int[horizonWeeks + 1];
        long[] doneByTarget = new long[trials];
        long[] throughput = window.throughput();
        long[] growth = window.growth();
        int weeks = window.weeks();
        SplittableRandom random = new SplittableRandom(seed);
        for (int trial = 0; trial < trials; trial++) {
            long open = window.open();
            long done = 0;
            int finishedAt = open <= 0 ? 0 : -1;
            for (int week = 1; weeks > 0 && (week <= targetWeeks || finishedAt < 0 && week <= horizonWeeks); week++) {
                int drawn = random.nextInt(weeks);
                long available = open + growth[drawn];
                long doneThisWeek = Math.min(throughput[drawn], available);
                open = available - doneThisWeek;
                if (week <= targetWeeks) {
                    done += doneThisWeek;
                }
                if (finishedAt < 0 && open <= 0 && week <= horizonWeeks) {
                    finishedAt = week;
                }
            }
            if (finishedAt >= 0) {
                finishedInWeek[finishedAt]++;
            }
            doneByTarget[trial] = done;
        }
        Arrays.sort(doneByTarget);
        return new Simulation(trials, finishedInWeek, doneByTarget);
    }

    public int trials() {
        return trials;
    }

    public int finished() {
        return Arrays.stream(finishedInWeek).sum();
    }

    /** How many trials finished in week {@code week} (0 to the horizon). */
    public int finishedInWeek(int week) {
        return finishedInWeek[week];
    }

    /** The share of trials that finished within the horizon, from 0 to 1, as a plain decimal. */
    public BigDecimal doneWithinHorizon() {
        return BigDecimal.valueOf(finished()).divide(BigDecimal.valueOf(trials), MathContext.DECIMAL64).stripTrailingZeros();
    }

    /**
     * The first week by which at least {@code percent}% of the trials had finished; -1 when fewer than that finished
     * within the horizon.
     */
    public int weekByWhich(int percent) {
        long needed = ((long) percent * trials + 99) / 100;
        long finished = 0;
        for (int week = 0; week < finishedInWeek.length; week++) {
            finished += finishedInWeek[week];
            if (finished >= needed) {
                return week;
            }
        }
        return -1;
    }

    /** The most work that at least {@code percent}% of the trials had done by the target week. */
    public long doneInAtLeast(int percent) {
        long needed = ((long) percent * trials + 99) / 100;
        return doneByTarget[(int) (trials - needed)];
    }
}
