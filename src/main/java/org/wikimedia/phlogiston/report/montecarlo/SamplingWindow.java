package org.wikimedia.phlogiston.report.montecarlo;

import java.time.LocalDate;
import java.util.List;

import org.wikimedia.phlogiston.report.forecast.Measure;
import org.wikimedia.phlogiston.report.forecast.WeeklySeries;
import org.wikimedia.phlogiston.report.forecast.WeeklySeries.Week;

/**
 * What the trials of one category and measure start from and draw from: the open work on the latest week date,
 * and per complete week of the window its throughput (resolved work gained, negative when work was reopened) and
 * its growth (total work gained, never below 0: the 3-point forecast's growth). Week {@code i}'s throughput and
 * growth are drawn together.
 *
 * @param start the latest week date, from which the trials count their weeks
 */
public record SamplingWindow(LocalDate start, long open, long[] throughput, long[] growth) {

    /** The last {@code weeks} week-over-week gains of the series (fewer when it is younger). */
    public static SamplingWindow of(WeeklySeries series, Measure measure, int weeks) {
        List<Week> all = series.weeks();
        Week latest = all.get(all.size() - 1);
        int first = Math.max(1, all.size() - weeks);
        int size = all.size() - first;
        long[] throughput = new long[size];
        long[] growth = new long[size];
        for (int i = 0; i < size; i++) {
            Week week = all.get(first + i);
            Week before = all.get(first + i - 1);
            throughput[i] = measure.resolved(week) - measure.resolved(before);
            growth[i] = Math.max(measure.total(week) - measure.total(before), 0);
        }
        return new SamplingWindow(latest.date(), measure.total(latest) - measure.resolved(latest), throughput, growth);
    }

    /** How many weeks the trials draw from. */
    public int weeks() {
        return throughput.length;
    }
}
