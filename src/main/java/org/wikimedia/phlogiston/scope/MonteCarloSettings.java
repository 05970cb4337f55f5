package org.wikimedia.phlogiston.scope;

import java.time.LocalDate;
import java.time.temporal.IsoFields;

/**
 * The Monte Carlo forecast's settings of a scope.ini.
 *
 * @param windowWeeks  {@code montecarlo_window_weeks}: how many of the latest complete weeks the trials draw from
 * @param horizonWeeks {@code montecarlo_horizon_weeks}: how many weeks a trial walks before it counts as not done
 * @param trials       {@code montecarlo_trials}: how many trials per category and measure
 * @param targetDate   {@code target_date} of the "how many" forecast; null for the end of the as-of date's quarter
 */
public record MonteCarloSettings(int windowWeeks, int horizonWeeks, int trials, LocalDate targetDate) {

    public static final int DEFAULT_WINDOW_WEEKS = 12;
    public static final int DEFAULT_HORIZON_WEEKS = 104;
    public static final int DEFAULT_TRIALS = 10_000;
    /** Twenty years: further out a weekly walk says nothing, and the trials' cost grows with the horizon. */
    public static final int MAX_HORIZON_WEEKS = 1_040;
    /** Beyond a million trials the sampling error no longer shows in a date, while the report's time does. */
    public static final int MAX_TRIALS = 1_000_000;

    public static final MonteCarloSettings DEFAULTS =
            new MonteCarloSettings(DEFAULT_WINDOW_WEEKS, DEFAULT_HORIZON_WEEKS, DEFAULT_TRIALS, null);

    /** The target date in force on {@code asOf}: the one set, or the last day of {@code asOf}'s quarter. */
    public LocalDate targetDate(LocalDate asOf) {
        if (targetDate != null) {
            return targetDate;
        }
        LocalDate quarterStart = asOf.with(IsoFields.DAY_OF_QUARTER, 1);
        return quarterStart.plusMonths(3).minusDays(1);
    }
}
