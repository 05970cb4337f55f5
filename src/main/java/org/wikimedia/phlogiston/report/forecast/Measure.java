package org.wikimedia.phlogiston.report.forecast;

import java.util.Locale;
import java.util.function.ToLongFunction;

import org.wikimedia.phlogiston.report.forecast.WeeklySeries.Week;

/** What work is measured in: every forecast is made once in points and once in task count. */
public enum Measure {
    POINTS(Week::pointsTotal, Week::pointsResolved),
    COUNT(Week::countTotal, Week::countResolved);

    private final ToLongFunction<Week> total;
    private final ToLongFunction<Week> resolved;

    /** The name the data files use: {@code points} or {@code count}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    Measure(ToLongFunction<Week> total, ToLongFunction<Week> resolved) {
        this.total = total;
        this.resolved = resolved;
    }

    public long total(Week week) {
        return total.applyAsLong(week);
    }

    public long resolved(Week week) {
        return resolved.applyAsLong(week);
    }
}
