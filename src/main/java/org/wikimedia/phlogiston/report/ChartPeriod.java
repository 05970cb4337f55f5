package org.wikimedia.phlogiston.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.wikimedia.phlogiston.report.ScopeReport.Category;
import org.wikimedia.phlogiston.report.forecast.WeeklyForecast;

/**
 * The periods completed work is counted in: weeks (from Monday), months and quarters, each dated by its first day.
 * The data file {@code recently_closed_<period>.csv} and the chart {@code completed_<period>_<unit>.png} share
 * {@link #completedWork}.
 */
public enum ChartPeriod {
    WEEK("week", date -> date.with(DayOfWeek.MONDAY), start -> start.plusWeeks(1)),
    MONTH("month", date -> date.withDayOfMonth(1), start -> start.plusMonths(1)),
    QUARTER("quarter", date -> date.with(IsoFields.DAY_OF_QUARTER, 1), start -> start.plusMonths(3));

    /** Work one category completed in one period; negative when more was reopened than resolved. */
    public record Completed(LocalDate start, Category category, long points, long count) {
    }

    private final String noun;
    private final UnaryOperator<LocalDate> start;
    private final UnaryOperator<LocalDate> next;

    ChartPeriod(String noun, UnaryOperator<LocalDate> start, UnaryOperator<LocalDate> next) {
        this.noun = noun;
        this.start = start;
        this.next = next;
    }

    /** The period as titles and file names name it: {@code week}, {@code month}, {@code quarter}. */
    public String noun() {
        return noun;
    }

    /** The original's data file of the period's completed work. */
    public String dataFile() {
        return "recently_closed_" + noun + ".csv";
    }

    /** The first day of the period the date falls in. */
    public LocalDate start(LocalDate date) {
        return start.apply(date);
    }

    /** The first day of the next period. */
    public LocalDate next(LocalDate periodStart) {
        return next.apply(periodStart);
    }

    /**
     * Work completed per category (in the given order) and period, as the original's recently_closed files count
     * it: the sum of the category's weekly gains of resolved work ({@link WeeklyForecast}) whose week date falls in
     * the period.
     */
    public List<Completed> completedWork(List<WeeklyForecast> weeks, List<Category> categories) {
        List<Completed> completed = new ArrayList<>();
        for (Category category : categories) {
            Map<LocalDate, List<WeeklyForecast>> byPeriod = weeks.stream()
                    .filter(week -> week.category().equals(category.title()))
                    .collect(Collectors.groupingBy(week -> start(week.date()), TreeMap::new, Collectors.toList()));
            byPeriod.forEach((start, inPeriod) -> completed.add(new Completed(start, category,
                    inPeriod.stream().mapToLong(week -> week.points().deltaResolved()).sum(),
                    inPeriod.stream().mapToLong(week -> week.count().deltaResolved()).sum())));
        }
        return completed;
    }
}
