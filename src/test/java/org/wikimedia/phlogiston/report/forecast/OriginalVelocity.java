package org.wikimedia.phlogiston.report.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVRecord;

import org.wikimedia.phlogiston.ReferenceRun;
import org.wikimedia.phlogiston.report.forecast.WeeklySeries.Week;

/**
 * A scope's velocity.csv: per category, the rows of its weeks (they have totals) and the rows of its projection
 * lines (only the *viz columns), and the weekly series its totals make (P10: a value it lacked is 0).
 */
public final class OriginalVelocity {

    private static final Set<String> INPUT_COLUMNS = Set.of("scope", "category", "date",
            "points_total", "count_total", "points_resolved", "count_resolved");

    public final Map<String, List<CSVRecord>> weekRows = new LinkedHashMap<>();
    public final Map<String, List<CSVRecord>> projectionRows = new LinkedHashMap<>();
    public final List<String> weekColumns = new ArrayList<>();
    public final List<String> projectionColumns = new ArrayList<>();
    public final List<WeeklySeries> series = new ArrayList<>();

    public OriginalVelocity(String scope) {
        List<CSVRecord> rows = ReferenceRun.csv("expected/" + scope + "/velocity.csv");
        for (String column : rows.get(0).getParser().getHeaderNames()) {
            if (column.endsWith("viz")) {
                projectionColumns.add(column);
            } else if (!INPUT_COLUMNS.contains(column)) {
                weekColumns.add(column);
            }
        }
        for (CSVRecord row : rows) {
            boolean isWeek = !row.get("count_total").isEmpty();
            (isWeek ? weekRows : projectionRows).computeIfAbsent(row.get("category"), c -> new ArrayList<>())
                    .add(row);
        }
        weekRows.forEach((category, weeks) ->
                series.add(new WeeklySeries(category, weeks.stream().map(OriginalVelocity::week).toList())));
    }

    private static Week week(CSVRecord row) {
        return new Week(date(row), total(row, "points_total"), total(row, "count_total"),
                total(row, "points_resolved"), total(row, "count_resolved"));
    }

    /** P10: a total the original had no value for is 0. */
    private static long total(CSVRecord row, String column) {
        return row.get(column).isEmpty() ? 0 : Long.parseLong(row.get(column));
    }

    /**
     * Whether the original had no value for the measure's total or resolved in a week the category's cell at
     * the index depends on: the weeks of its 3-month window and the week before them.
     */
    public boolean originalLackedAValue(String category, int index, String measure) {
        if (measure == null) {
            return false;
        }
        List<CSVRecord> weeks = weekRows.get(category);
        LocalDate windowExcludedEnd = date(weeks.get(index)).minusMonths(3);
        for (int i = index; i >= 0; i--) {
            CSVRecord week = weeks.get(i);
            if (week.get(measure + "_total").isEmpty() || week.get(measure + "_resolved").isEmpty()) {
                return true;
            }
            if (!date(week).isAfter(windowExcludedEnd)) {
                return false;
            }
        }
        return false;
    }

    /** Whether a cell of either measure of the category's week on the date depends on a value the original lacked. */
    public boolean lackedAValueFor(String category, LocalDate date) {
        List<CSVRecord> weeks = weekRows.getOrDefault(category, List.of());
        for (int i = 0; i < weeks.size(); i++) {
            if (date(weeks.get(i)).equals(date)) {
                return originalLackedAValue(category, i, "points") || originalLackedAValue(category, i, "count");
            }
        }
        return false;
    }

    /**
     * Whether the category's work completed in the period (week, month or quarter, by its first day; blank: the
     * projection rows, which belong to the latest week) depends on a value the original lacked.
     */
    public boolean lackedAValueInPeriod(String category, String period, String start) {
        List<CSVRecord> weeks = weekRows.getOrDefault(category, List.of());
        if (start.isEmpty()) {
            return !weeks.isEmpty() && lackedAValueFor(category, date(weeks.get(weeks.size() - 1)));
        }
        return weeks.stream().map(OriginalVelocity::date)
                .filter(day -> periodStart(day, period).equals(LocalDate.parse(start.substring(0, 10))))
                .anyMatch(day -> lackedAValueFor(category, day));
    }

    private static LocalDate periodStart(LocalDate day, String period) {
        return switch (period) {
            case "week" -> day.with(java.time.DayOfWeek.MONDAY);
            case "month" -> day.withDayOfMonth(1);
            default -> day.with(java.time.temporal.IsoFields.DAY_OF_QUARTER, 1);
        };
    }

    private static LocalDate date(CSVRecord row) {
        return LocalDate.parse(row.get("date").substring(0, 10));
    }
}
