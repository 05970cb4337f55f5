package org.wikimedia.phlogiston.report.forecast;

import java.util.function.ToLongFunction;

import org.wikimedia.phlogiston.report.forecast.WeeklySeries.Week;

/** What work is measured in: every forecast is made once in points and once in task count. */
enum Measure {
    POINTS(Week::pointsTotal, Week::pointsResolved),
    COUNT(Week::countTotal, Week::countResolved);

    private final ToLongFunction<Week> total;
    private final ToLongFunction<Week> resolved;

    Measure(ToLongFunction<Week> total, ToLongFunction<Week> resolved) {
        this.total = total;
        this.resolved = resolved;
    }

    long total(Week week) {
        return total.applyAsLong(week);
    }

    long resolved(Week week) {
        return resolved.applyAsLong(week);
    }
}
