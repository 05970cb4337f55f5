package org.wikimedia.phlogiston.report.forecast;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A category's weekly totals, the input of the forecasts: one {@link Week} per week date on which the category has
 * tasks, oldest first. A week the category had no tasks is simply absent; its deltas are then taken against the
 * previous week listed.
 */
public record WeeklySeries(String category, List<Week> weeks) {

    public WeeklySeries {
        Objects.requireNonNull(category, "category");
        weeks = List.copyOf(weeks);
        for (int i = 1; i < weeks.size(); i++) {
            if (!weeks.get(i).date().isAfter(weeks.get(i - 1).date())) {
                throw new IllegalArgumentException(category + ": week dates must increase, "
                        + weeks.get(i).date() + " follows " + weeks.get(i - 1).date());
            }
        }
    }

    /**
     * The category on one week date: points and count of all its (non-dropped) tasks, and of the resolved ones.
     * Nothing resolved, or no task pointed, is 0.
     */
    public record Week(LocalDate date, long pointsTotal, long countTotal, long pointsResolved, long countResolved) {

        public Week {
            Objects.requireNonNull(date, "date");
        }
    }
}
