package org.wikimedia.phlogiston.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.wikimedia.phlogiston.report.ScopeReport.Category;
import org.wikimedia.phlogiston.report.ScopeReport.DayTotals;

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
     * Work completed per category (in the given order) and period: the growth of the category's resolved work from
     * the last day of data of the previous period (for its first period: from its first day of data, so work resolved
     * before the data begin is not counted as completed then) to the last day of data of this one.
     */
    public List<Completed> completedWork(List<DayTotals> days, List<Category> categories) {
        Map<String, List<DayTotals>> byCategory = days.stream()
                .sorted(Comparator.comparing(DayTotals::date))
                .collect(Collectors.groupingBy(DayTotals::category));
        List<Completed> completed = new ArrayList<>();
        for (Category category : categories) {
            List<DayTotals> categoryDays = byCategory.getOrDefault(category.title(), List.of());
            if (categoryDays.isEmpty()) {
                continue;
            }
            TreeMap<LocalDate, DayTotals> lastDayByPeriod = categoryDays.stream()
                    .collect(Collectors.toMap(day -> start(day.date()), Function.identity(),
                            (earlier, later) -> later.date().isAfter(earlier.date()) ? later : earlier, TreeMap::new));
            DayTotals previous = categoryDays.get(0);
            for (Map.Entry<LocalDate, DayTotals> period : lastDayByPeriod.entrySet()) {
                DayTotals last = period.getValue();
                completed.add(new Completed(period.getKey(), category, last.resolvedPoints() - previous.resolvedPoints(),
                        last.resolvedCount() - previous.resolvedCount()));
                previous = last;
            }
        }
        return completed;
    }
}
