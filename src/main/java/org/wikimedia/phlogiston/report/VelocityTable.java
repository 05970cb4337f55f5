package org.wikimedia.phlogiston.report;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.wikimedia.phlogiston.report.forecast.ForecastCalculator;
import org.wikimedia.phlogiston.report.forecast.MeasureForecast;
import org.wikimedia.phlogiston.report.forecast.MeasureProjection;
import org.wikimedia.phlogiston.report.forecast.ProjectionPoint;
import org.wikimedia.phlogiston.report.forecast.WeeklyForecast;

/**
 * A scope's rows of the table {@code velocity}, the original's: one per category and week with the velocities and
 * forecasts of {@link ForecastCalculator}, and the projection lines from each current forecast (rows holding only
 * the {@code *viz} columns). The data files are queries over it.
 */
@Component
class VelocityTable {

    private static final String WEEK_COLUMNS = "scope, category, date, week, month, quarter, "
            + "points_total, count_total, points_resolved, count_resolved, "
            + "delta_points_resolved, delta_count_resolved, delta_points_total, delta_count_total, "
            + "opt_points_vel, nom_points_vel, pes_points_vel, opt_count_vel, nom_count_vel, pes_count_vel, "
            + "opt_points_total_growrate, nom_points_total_growrate, pes_points_total_growrate, "
            + "opt_count_total_growrate, nom_count_total_growrate, pes_count_total_growrate, "
            + "opt_points_fore, nom_points_fore, pes_points_fore, opt_count_fore, nom_count_fore, pes_count_fore, "
            + "pes_points_date, nom_points_date, opt_points_date, pes_count_date, nom_count_date, opt_count_date";
    private static final String PROJECTION_COLUMNS = "scope, category, date, "
            + "pes_points_growviz, nom_points_growviz, opt_points_growviz, "
            + "pes_count_growviz, nom_count_growviz, opt_count_growviz, "
            + "pes_points_velviz, nom_points_velviz, opt_points_velviz, "
            + "pes_count_velviz, nom_count_velviz, opt_count_velviz";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    VelocityTable(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Replaces the scope's rows: its weeks, then the projections of its current forecasts. */
    void replace(String scope, List<WeeklyForecast> weeks, List<WeeklyForecast> current) {
        List<Object[]> weekRows = weeks.stream().map(week -> weekRow(scope, week)).toList();
        List<Object[]> projectionRows = new ArrayList<>();
        for (WeeklyForecast latest : current) {
            for (ProjectionPoint point : ForecastCalculator.projection(latest)) {
                projectionRows.add(projectionRow(scope, point));
            }
        }
        transaction.executeWithoutResult(status -> {
            jdbc.update("DELETE FROM velocity WHERE scope = ?", scope);
            jdbc.batchUpdate(insert(WEEK_COLUMNS), weekRows);
            jdbc.batchUpdate(insert(PROJECTION_COLUMNS), projectionRows);
        });
    }

    private static String insert(String columns) {
        int count = columns.split(",").length;
        return "INSERT INTO velocity (" + columns + ") VALUES (" + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }

    private static Object[] weekRow(String scope, WeeklyForecast week) {
        MeasureForecast points = week.points();
        MeasureForecast count = week.count();
        return new Object[] {scope, week.category(), timestamp(week.date()), week.week(), week.month(),
                week.quarter(),
                points.total(), count.total(), points.resolved(), count.resolved(),
                points.deltaResolved(), count.deltaResolved(), points.deltaTotal(), count.deltaTotal(),
                points.optVel(), points.nomVel(), points.pesVel(), count.optVel(), count.nomVel(), count.pesVel(),
                points.optTotalGrowrate(), points.nomTotalGrowrate(), points.pesTotalGrowrate(),
                count.optTotalGrowrate(), count.nomTotalGrowrate(), count.pesTotalGrowrate(),
                points.optFore(), points.nomFore(), points.pesFore(), count.optFore(), count.nomFore(), count.pesFore(),
                timestamp(points.pesDate()), timestamp(points.nomDate()), timestamp(points.optDate()),
                timestamp(count.pesDate()), timestamp(count.nomDate()), timestamp(count.optDate())};
    }

    private static Object[] projectionRow(String scope, ProjectionPoint point) {
        List<Object> row = new ArrayList<>(List.of(scope, point.category(), timestamp(point.date())));
        for (MeasureProjection measure : List.of(point.points(), point.count())) {
            row.addAll(Arrays.asList(measure.pesGrowviz(), measure.nomGrowviz(), measure.optGrowviz()));
        }
        for (MeasureProjection measure : List.of(point.points(), point.count())) {
            row.addAll(Arrays.asList(measure.pesVelviz(), measure.nomVelviz(), measure.optVelviz()));
        }
        return row.toArray();
    }

    private static LocalDateTime timestamp(LocalDate date) {
        return date == null ? null : date.atStartOfDay();
    }
}
