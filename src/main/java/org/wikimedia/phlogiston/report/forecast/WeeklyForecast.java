package org.wikimedia.phlogiston.report.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;

/**
 * One row of the velocity table: a category on one week date, measured in points and in count. Column
 * {@code <x>_points_<y>} of the original's velocity table is {@code points().<x><Y>()}, {@code <x>_count_<y>} is
 * {@code count().<x><Y>()}.
 */
public record WeeklyForecast(String category, LocalDate date, MeasureForecast points, MeasureForecast count) {

    /** The Monday of the date's week. */
    public LocalDate week() {
        return date.with(DayOfWeek.MONDAY);
    }

    public LocalDate month() {
        return date.withDayOfMonth(1);
    }

    public LocalDate quarter() {
        return date.with(IsoFields.DAY_OF_QUARTER, 1);
    }
}
