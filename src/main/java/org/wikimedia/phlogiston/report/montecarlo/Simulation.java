package org.wikimedia.phlogiston.report.montecarlo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The outcome of the trials of one category and measure: in which week each trial finished the open work (if
 * within the horizon), and how much work the trials had done at each of {@link MonteCarloForecast#PERCENTS}'
 * confidences by the end of each week of the fan (the burnup charts' band of simulated work done) and by the target
 * week (the "how many" forecast).
 */
public final class Simulation {

    private final int trials;
    /** Index k: how many trials finished in week k (0: nothing was open). */
    private final int[] finishedInWeek;
    /**
     * Index [week][i]: the most work that at least {@code PERCENTS[i]}% of the trials had done from the start to the
     * end of the week of the fan; week 0 (the start) has done nothing.
     */
    private final long[][] fan;
    /** Index i: the most work that at least {@code PERCENTS[i]}% of the trials had done by the target week. */
    private final long[] byTarget;

    private Simulation(int trials, int[] finishedInWeek, long[][] fan, long[] byTarget) {
        this.trials = trials;
        this.finishedInWeek = finishedInWeek;
        this.fan = fan;
        this.byTarget = byTarget;
    }

    /**
     * Runs the trials. Each walks week by week from the window's open work: it draws one week of the window (each
     * equally likely), adds that week's growth and takes away that week's throughput (never below nothing open, so
     * that work done after the backlog is empty is new work), for the weeks of the fan and up to the target week, and
     * on until the work is done or the horizon has passed. The trials walk side by side, week after week, so that each week's work done
     * is known for all of them at once; one {@link SplittableRandom} of the seed draws every trial's week in order,
     * so the same seed gives the same outcome.
     *
     * @param fanWeeks    how many weeks the fan of work done reaches; 0 for none
     * @param targetWeeks the week of the "how many" forecast; 0 for none
     */
    public static Simulation run(SamplingWindow window, int trials, int horizonWeeks, int fanWeeks, int targetWeeks,
                                 long seed) {
        int weeks = window.weeks();
        long[] growth = window.growth();
        long[] net = new long[weeks];
        boolean canFinish = window.open() <= 0;
        for (int i = 0; i < weeks; i++) {
            net[i] = growth[i] - window.throughput()[i];
            canFinish |= net[i] < 0;
        }
        // A window in which no week shrinks the backlog (often: nothing resolved for weeks) cannot finish: the
        // trials then walk only the path.
        int finishWeeks = canFinish ? horizonWeeks : 0;
        int[] finishedInWeek = new int[horizonWeeks + 1];
        long[][] fan = new long[fanWeeks + 1][MonteCarloForecast.PERCENTS.length];
        long[] byTarget = new long[MonteCarloForecast.PERCENTS.length];
        // Every trial walks these weeks, finished or not.
        int pathWeeks = Math.max(fanWeeks, targetWeeks);
        int[] finishedAt = new int[trials];
        long[] open = new long[trials];
        long[] done = new long[trials];
        // The trials still walking, in trial order: all of them on the path, then the unfinished ones.
        int[] walking = new int[trials];
        boolean startsFinished = window.open() <= 0;
        for (int trial = 0; trial < trials; trial++) {
            finishedAt[trial] = startsFinished ? 0 : -1;
            open[trial] = window.open();
            walking[trial] = trial;
        }
        int walkingCount = weeks > 0 && (pathWeeks > 0 || !startsFinished && finishWeeks > 0) ? trials : 0;
        long[] sorted = new long[trials];
        SplittableRandom random = new SplittableRandom(seed);
        for (int week = 1; walkingCount > 0; week++) {
            int stillWalking = 0;
            for (int i = 0; i < walkingCount; i++) {
                int trial = walking[i];
                int drawn = draw(random, weeks);
                long before = open[trial];
                long after = Math.max(before + net[drawn], 0);
                open[trial] = after;
                done[trial] += before + growth[drawn] - after;
                if (after == 0 && finishedAt[trial] < 0 && week <= finishWeeks) {
                    finishedAt[trial] = week;
                }
                if (week < pathWeeks || finishedAt[trial] < 0 && week < finishWeeks) {
                    walking[stillWalking++] = trial;
                }
            }
            walkingCount = stillWalking;
            if (week <= fanWeeks || week == targetWeeks) {
                long[] percentiles = doneInAtLeast(done, sorted);
                if (week <= fanWeeks) {
                    fan[week] = percentiles;
                }
                if (week == targetWeeks) {
                    System.arraycopy(percentiles, 0, byTarget, 0, percentiles.length);
                }
            }
        }
        for (int week : finishedAt) {
            if (week >= 0) {
                finishedInWeek[week]++;
            }
        }
        return new Simulation(trials, finishedInWeek, fan, byTarget);
    }

    /** Per percentile of {@link MonteCarloForecast#PERCENTS}, the most work done in at least that share of trials. */
    private static long[] doneInAtLeast(long[] done, long[] sorted) {
        System.arraycopy(done, 0, sorted, 0, done.length);
        Arrays.sort(sorted);
        long[] percentiles = new long[MonteCarloForecast.PERCENTS.length];
        for (int i = 0; i < percentiles.length; i++) {
            percentiles[i] = sorted[done.length - (int) trialsNeeded(MonteCarloForecast.PERCENTS[i], done.length)];
        }
        return percentiles;
    }

    /**
     * A week index from 0 to {@code weeks} - 1 by multiplying 32 random bits (Lemire's method, without a division):
     * an index is more likely than another by at most {@code weeks} in 2^32, far below the sampling error.
     */
    private static int draw(SplittableRandom random, int weeks) {
        return (int) (((random.nextInt() & 0xFFFF_FFFFL) * weeks) >>> 32);
    }

    /** How many of the trials are {@code percent}% of them, rounded up. */
    private static long trialsNeeded(int percent, int trials) {
        return ((long) percent * trials + 99) / 100;
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
        long needed = trialsNeeded(percent, trials);
        long finished = 0;
        for (int week = 0; week < finishedInWeek.length; week++) {
            finished += finishedInWeek[week];
            if (finished >= needed) {
                return week;
            }
        }
        return -1;
    }

    /** How many weeks past the start the fan of work done reaches. */
    public int fanWeeks() {
        return fan.length - 1;
    }

    /**
     * The most work that at least {@code percent}% (one of {@link MonteCarloForecast#PERCENTS}) of the trials had done
     * by the end of week {@code week} of the fan.
     */
    public long doneInAtLeast(int week, int percent) {
        return fan[week][percentIndex(percent)];
    }

    /** The most work that at least {@code percent}% of the trials had done by the target week. */
    public long doneByTarget(int percent) {
        return byTarget[percentIndex(percent)];
    }

    private static int percentIndex(int percent) {
        int index = Arrays.binarySearch(MonteCarloForecast.PERCENTS, percent);
        if (index < 0) {
            throw new IllegalArgumentException(percent + "% is not one of the forecast's percentiles "
                    + Arrays.toString(MonteCarloForecast.PERCENTS));
        }
        return index;
    }
}
