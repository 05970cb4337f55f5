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
     * equally likely), adds that week's growth and takes away that week's throughput (never below nothing open, so
     * that work done after the backlog is empty is new work), until the work is done and the target week is
     * reached, or the horizon has passed and the target week is reached. One {@link SplittableRandom} of the seed
     * draws every week of every trial in order, so the same seed gives the same outcome.
     *
     * @param targetWeeks how many weeks count for "how many"; 0 for none
     */
    public static Simulation run(SamplingWindow window, int trials, int horizonWeeks, int targetWeeks, long seed) {
        int weeks = window.weeks();
        long[] growth = window.growth();
        long[] net = new long[weeks];
        boolean canFinish = window.open() <= 0;
        for (int i = 0; i < weeks; i++) {
            net[i] = growth[i] - window.throughput()[i];
            canFinish |= net[i] < 0;
        }
        // A window in which no week shrinks the backlog (often: nothing resolved for weeks) cannot finish: the
        // trials then walk only to the target week.
        int finishWeeks = canFinish ? horizonWeeks : 0;
        int[] finishedInWeek = new int[horizonWeeks + 1];
        long[] doneByTarget = new long[trials];
        SplittableRandom random = new SplittableRandom(seed);
        for (int trial = 0; trial < trials; trial++) {
            long open = window.open();
            long grown = 0;
            int finishedAt = open <= 0 ? 0 : -1;
            for (int week = 1; weeks > 0 && (week <= targetWeeks || finishedAt < 0 && week <= finishWeeks); week++) {
                int drawn = draw(random, weeks);
                if (week <= targetWeeks) {
                    grown += growth[drawn];
                }
                open = Math.max(open + net[drawn], 0);
                if (week == targetWeeks) {
                    // what was open at the start and what came in since, less what is open now
                    doneByTarget[trial] = window.open() + grown - open;
                }
                if (open == 0 && finishedAt < 0 && week <= finishWeeks) {
                    finishedAt = week;
                }
            }
            if (finishedAt >= 0) {
                finishedInWeek[finishedAt]++;
            }
        }
        Arrays.sort(doneByTarget);
        return new Simulation(trials, finishedInWeek, doneByTarget);
    }

    /**
     * A week index from 0 to {@code weeks} - 1 by multiplying 32 random bits (Lemire's method, without a division):
     * an index is more likely than another by at most {@code weeks} in 2^32, far below the sampling error.
     */
    private static int draw(SplittableRandom random, int weeks) {
        return (int) (((random.nextInt() & 0xFFFF_FFFFL) * weeks) >>> 32);
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
