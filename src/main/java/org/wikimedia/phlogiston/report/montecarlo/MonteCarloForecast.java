package org.wikimedia.phlogiston.report.montecarlo;

import java.time.LocalDate;

import org.wikimedia.phlogiston.report.forecast.Measure;

/**
 * The Monte Carlo forecast of one category (or {@link MonteCarloForecaster#WHOLE_SCOPE}) in one measure.
 *
 * @param window       what the trials started from and drew from
 * @param horizonWeeks how many weeks a trial walked at most to finish
 * @param targetDate   the date of the "how many" forecast
 */
public record MonteCarloForecast(String category, Measure measure, SamplingWindow window, int horizonWeeks,
                                 LocalDate targetDate, Simulation simulation) {

    /** The percentiles reported, of trials finished ("when") and of trials having done at least ("how many"). */
    public static final int[] PERCENTS = {50, 85, 95};

    /**
     * The fan of work done reaches to the target date, but at least this many weeks (a quarter) past the start, so
     * that it shows on a burnup when the target date is days away, and at most to the horizon.
     */
    public static final int FAN_MIN_WEEKS = 13;

    /** The date by which {@code percent}% of the trials finished; null when fewer finished within the horizon. */
    public LocalDate finishedBy(int percent) {
        int week = simulation.weekByWhich(percent);
        return week < 0 ? null : window.start().plusWeeks(week);
    }
}
