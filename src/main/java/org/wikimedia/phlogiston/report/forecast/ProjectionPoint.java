package org.wikimedia.phlogiston.report.forecast;

import java.time.LocalDate;

/**
 * One week date of the projection lines a category's charts draw from its latest week onward (the original's
 * velocity rows that hold only the {@code *viz} columns).
 */
public record ProjectionPoint(String category, LocalDate date, MeasureProjection points, MeasureProjection count) {
}
