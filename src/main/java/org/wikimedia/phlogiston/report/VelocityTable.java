package org.wikimedia.phlogiston.report;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.database.CopyTable;
import org.wikimedia.phlogiston.database.SqlFiles;
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

    private final TableRows tableRows;

    VelocityTable(TableRows tableRows) {
        this.tableRows = tableRows;
    }

    /** Replaces the scope's rows: its weeks, then the projections of its current forecasts. */
    void replace(String scope, List<WeeklyForecast> weeks, List<WeeklyForecast> current) {
        tableRows.replace("the velocity table of " + scope, SqlFiles.read("sql/report/delete_velocity.sql"), new Object[] {scope},
                connection -> {
                    CopyTable.copy(connection, "velocity", WEEK_COLUMNS, copy -> {
                        for (WeeklyForecast week : weeks) {
                            weekRow(copy.text(scope), week);
                        }
                    });
                    CopyTable.copy(connection, "velocity", PROJECTION_COLUMNS, copy -> {
                        for (WeeklyForecast latest : current) {
                            for (ProjectionPoint point : ForecastCalculator.projection(latest)) {
                                projectionRow(copy.text(scope), point);
                            }
                        }
                    });
                });
    }

    private static void weekRow(CopyTable copy, WeeklyForecast week) throws SQLException {
        copy.text(week.category()).text(day(week.date())).text(day(week.week())).text(day(week.month()))
                .text(day(week.quarter()));
        MeasureForecast points = week.points();
        MeasureForecast count = week.count();
        copy.number(points.total()).number(count.total()).number(points.resolved()).number(count.resolved())
                .number(points.deltaResolved()).number(count.deltaResolved())
                .number(points.deltaTotal()).number(count.deltaTotal());
        for (MeasureForecast measure : List.of(points, count)) {
            copy.number(measure.optVel()).number(measure.nomVel()).number(measure.pesVel());
        }
        for (MeasureForecast measure : List.of(points, count)) {
            copy.number(measure.optTotalGrowrate()).number(measure.nomTotalGrowrate()).number(measure.pesTotalGrowrate());
        }
        for (MeasureForecast measure : List.of(points, count)) {
            copy.number(measure.optFore()).number(measure.nomFore()).number(measure.pesFore());
        }
        for (MeasureForecast measure : List.of(points, count)) {
            copy.text(day(measure.pesDate())).text(day(measure.nomDate())).text(day(measure.optDate()));
        }
        copy.endRow();
    }

    private static void projectionRow(CopyTable copy, ProjectionPoint point) throws SQLException {
        copy.text(point.category()).text(day(point.date()));
        for (MeasureProjection measure : List.of(point.points(), point.count())) {
            copy.number(measure.pesGrowviz()).number(measure.nomGrowviz()).number(measure.optGrowviz());
        }
        for (MeasureProjection measure : List.of(point.points(), point.count())) {
            copy.number(measure.pesVelviz()).number(measure.nomVelviz()).number(measure.optVelviz());
        }
        copy.endRow();
    }

    private static String day(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
