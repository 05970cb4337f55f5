package org.wikimedia.phlogiston.report.forecast;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.wikimedia.phlogiston.report.forecast.WeeklySeries.Week;

/**
 * Velocity, scope growth and weeks-to-completion forecasts from categories' weekly totals: the original's velocity
 * table, with one deliberate difference: a week with nothing resolved (or nothing pointed) counts as 0, where the
 * original had no value and so lost that week's delta and every forecast of the category until something was
 * resolved. Pure: no state, no I/O.
 */
public final class ForecastCalculator {

    /** How many weeks past the latest date the projection lines run. */
    public static final int PROJECTION_WEEKS = 13;

    /**
     * Calendar months, as the original counted them: the window holds 13 weekly dates, or 14 when the three months
     * before the date span 92 days.
     */
    private static final Period LAST_THREE_MONTHS = Period.ofMonths(3);
    private static final Period LAST_THREE_WEEKS = Period.ofWeeks(3);
    /**
     * The lowest and highest weeks are averaged over this many weeks even while fewer have passed, which keeps a
     * young category's extremes modest.
     */
    private static final int EXTREME_WEEKS = 3;
    /** Floors so that a category with no recent progress still gets a nominal and an optimistic forecast. */
    private static final double MIN_NOMINAL_VELOCITY = 1;
    private static final double MIN_OPTIMISTIC_VELOCITY = 2;

    private ForecastCalculator() {
    }

    /** One row per week of the series, oldest first. */
    public static List<WeeklyForecast> weeklyForecasts(WeeklySeries series) {
        MeasureHistory points = new MeasureHistory(series.weeks(), Measure.POINTS);
        MeasureHistory count = new MeasureHistory(series.weeks(), Measure.COUNT);
        List<WeeklyForecast> rows = new ArrayList<>(series.weeks().size());
        for (int i = 0; i < series.weeks().size(); i++) {
            rows.add(new WeeklyForecast(series.category(), series.weeks().get(i).date(), points.forecastAt(i),
                    count.forecastAt(i)));
        }
        return rows;
    }

    /** The rows of every series, series by series, each oldest first. */
    public static List<WeeklyForecast> weeklyForecasts(List<WeeklySeries> categories) {
        return categories.stream().flatMap(series -> weeklyForecasts(series).stream()).toList();
    }

    /**
     * The forecasts in force: of {@code weeks} (the rows of {@link #weeklyForecasts(List)}), those of the scope's
     * latest week date (the latest date of any category), in the order given. A category that ended earlier has
     * none.
     */
    public static List<WeeklyForecast> currentForecasts(List<WeeklyForecast> weeks) {
        LocalDate latest = weeks.stream().map(WeeklyForecast::date).max(Comparator.naturalOrder()).orElse(null);
        return weeks.stream().filter(week -> week.date().equals(latest)).toList();
    }

    /** The page's forecast table: the current forecasts' weeks to completion, by category title as the original. */
    public static List<ForecastTableRow> forecastTable(List<WeeklyForecast> current) {
        return current.stream()
                .sorted(Comparator.comparing(WeeklyForecast::category))
                .map(forecast -> new ForecastTableRow(forecast.category(),
                        forecast.points().pesFore(), forecast.points().nomFore(), forecast.points().optFore(),
                        forecast.count().pesFore(), forecast.count().nomFore(), forecast.count().optFore()))
                .toList();
    }

    /**
     * The projection lines from a current forecast: one point per week from its date (week 0, where the lines
     * start at the actual totals) to {@link #PROJECTION_WEEKS} weeks ahead.
     */
    public static List<ProjectionPoint> projection(WeeklyForecast current) {
        return IntStream.rangeClosed(0, PROJECTION_WEEKS)
                .mapToObj(weeksAhead -> new ProjectionPoint(current.category(), current.date().plusWeeks(weeksAhead),
                        projected(current.points(), weeksAhead), projected(current.count(), weeksAhead)))
                .toList();
    }

    private static MeasureProjection projected(MeasureForecast from, int weeksAhead) {
        return new MeasureProjection(
                from.total() + from.pesTotalGrowrate() * weeksAhead,
                from.total() + from.nomTotalGrowrate() * weeksAhead,
                from.total() + from.optTotalGrowrate() * weeksAhead,
                from.resolved() + from.pesVel() * weeksAhead,
                from.resolved() + from.nomVel() * weeksAhead,
                from.resolved() + from.optVel() * weeksAhead);
    }

    /** A series in one measure, with its week-over-week gains (0 for the first week: there is nothing to compare). */
    private static final class MeasureHistory {

        private final List<Week> weeks;
        private final Measure measure;
        private final long[] resolvedGains;
        private final long[] totalGains;

        MeasureHistory(List<Week> weeks, Measure measure) {
            this.weeks = weeks;
            this.measure = measure;
            resolvedGains = new long[weeks.size()];
            totalGains = new long[weeks.size()];
            for (int i = 1; i < weeks.size(); i++) {
                resolvedGains[i] = measure.resolved(weeks.get(i)) - measure.resolved(weeks.get(i - 1));
                totalGains[i] = measure.total(weeks.get(i)) - measure.total(weeks.get(i - 1));
            }
        }

        MeasureForecast forecastAt(int index) {
            Week week = weeks.get(index);
            int monthsStart = windowStart(index, LAST_THREE_MONTHS);
            int weeksStart = windowStart(index, LAST_THREE_WEEKS);
            long[] resolvedInMonths = Arrays.copyOfRange(resolvedGains, monthsStart, index + 1);
            long[] growthInMonths = notNegative(Arrays.copyOfRange(totalGains, monthsStart, index + 1));
            long[] growthInWeeks = notNegative(Arrays.copyOfRange(totalGains, weeksStart, index + 1));

            // A week of reopened work counts as 0 for the pessimist but lowers the optimist's mean: the original's
            // asymmetry, kept because every published forecast rests on it.
            double pesVel = meanOfLowest(notNegative(resolvedInMonths));
            double nomVel = Math.max(mean(Arrays.copyOfRange(resolvedGains, weeksStart, index + 1)),
                    MIN_NOMINAL_VELOCITY);
            double optVel = Math.max(meanOfHighest(resolvedInMonths), MIN_OPTIMISTIC_VELOCITY);
            double threemMaxGrowrate = meanOfHighest(growthInMonths);
            double threewMaxGrowrate = meanOfHighest(growthInWeeks);
            double optGrowrate = 0;
            double nomGrowrate = mean(growthInWeeks);
            double pesGrowrate = Math.max(mean(growthInMonths), threemMaxGrowrate);

            long open = measure.total(week) - measure.resolved(week);
            Integer optFore = weeksToCompletion(open, optVel, optGrowrate);
            Integer nomFore = weeksToCompletion(open, nomVel, nomGrowrate);
            Integer pesFore = weeksToCompletion(open, pesVel, pesGrowrate);
            return new MeasureForecast(measure.total(week), measure.resolved(week), resolvedGains[index],
                    totalGains[index], optVel, nomVel, pesVel, optGrowrate, nomGrowrate, pesGrowrate,
                    optFore, nomFore, pesFore, threemMaxGrowrate, threewMaxGrowrate,
                    weeksAfter(week.date(), optFore), weeksAfter(week.date(), nomFore),
                    weeksAfter(week.date(), pesFore));
        }

        /** The first index whose date lies within {@code length} before the index's date (the end excluded). */
        private int windowStart(int index, Period length) {
            LocalDate excludedEnd = weeks.get(index).date().minus(length);
            int start = index;
            while (start > 0 && weeks.get(start - 1).date().isAfter(excludedEnd)) {
                start--;
            }
            return start;
        }
    }

    /**
     * Open work over the velocity net of growth, rounded half to even (PostgreSQL's round of a double, which the
     * original used). None when nothing is open, when growth cancels velocity, or when it rounds to 0 weeks or
     * fewer.
     */
    private static Integer weeksToCompletion(long open, double velocity, double growth) {
        double netVelocity = velocity - growth;
        if (open <= 0 || netVelocity == 0) {
            return null;
        }
        double weeks = Math.rint(open / netVelocity);
        return weeks > 0 ? (int) weeks : null;
    }

    private static LocalDate weeksAfter(LocalDate date, Integer weeks) {
        return weeks == null ? null : date.plusWeeks(weeks);
    }

    private static long[] notNegative(long[] gains) {
        return LongStream.of(gains).map(gain -> Math.max(gain, 0)).toArray();
    }

    /** The window always holds its own week, so it is never empty. */
    private static double mean(long[] values) {
        return (double) LongStream.of(values).sum() / values.length;
    }

    private static double meanOfLowest(long[] values) {
        return (double) LongStream.of(values).sorted().limit(EXTREME_WEEKS).sum() / EXTREME_WEEKS;
    }

    private static double meanOfHighest(long[] values) {
        long[] sorted = LongStream.of(values).sorted().toArray();
        return (double) LongStream.of(sorted).skip(Math.max(sorted.length - EXTREME_WEEKS, 0)).sum() / EXTREME_WEEKS;
    }
}
