package org.wikimedia.phlogiston.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;
import org.wikimedia.phlogiston.report.ScopeReport.Category;

/**
 * Draws a scope's charts as PNG files: burnups (with show-hidden variants), forecasts, weekly velocity, completed work
 * per week, month and quarter, maintenance, points, and a small burnup, velocity and forecast history chart per
 * category; once per unit the scope shows. Charts show the categories that are not hidden, in rule order, each in its
 * {@link ChartPalette} colour; only the show-hidden burnups show the hidden ones too.
 * <p>
 * Each family of charts is its own class ({@link BurnupCharts}, {@link VelocityCharts}, {@link WorkMixCharts}),
 * drawing with {@link ChartDrawing}; this class only puts them in page order.
 */
@Component
public class ChartRenderer {

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 500;
    /** The size of the per-category charts, two to a row. */
    public static final int SMALL_WIDTH = 500;
    public static final int SMALL_HEIGHT = 300;

    /**
     * Writes the charts into {@code dir} and returns them in page order: burnups, forecasts, velocity, completed work,
     * maintenance, points, per category.
     */
    public List<Chart> render(ScopeReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Category> all = report.categories().stream()
                .sorted(Comparator.comparingInt(Category::order))
                .toList();
        List<Category> shown = all.stream().filter(category -> !category.hidden()).toList();
        List<ChartMeasure> measures = new ArrayList<>();
        if (report.showPoints()) {
            measures.add(ChartMeasure.POINTS);
        }
        if (report.showCount()) {
            measures.add(ChartMeasure.COUNT);
        }
        List<Chart> charts = new ArrayList<>(BurnupCharts.scopeBurnups(report, all, shown, measures, dir));
        for (ChartMeasure measure : measures) {
            charts.add(VelocityCharts.forecast(report, shown, measure, dir));
        }
        for (ChartMeasure measure : measures) {
            charts.add(VelocityCharts.velocity(report, shown, measure, dir));
        }
        for (ChartPeriod period : ChartPeriod.values()) {
            List<ChartPeriod.Completed> completed = period.completedWork(report.velocity(), shown);
            for (ChartMeasure measure : measures) {
                charts.add(BurnupCharts.completed(report, shown, period, completed, measure, dir));
            }
        }
        for (ChartMeasure measure : measures) {
            charts.add(WorkMixCharts.maintenance(report, measure, dir));
        }
        if (report.showPoints()) {
            charts.add(WorkMixCharts.pointsHistogram(report, dir));
        }
        for (Category category : shown) {
            for (ChartMeasure measure : measures) {
                charts.add(BurnupCharts.categoryBurnup(report, category, measure, dir));
                charts.add(VelocityCharts.categoryVelocity(report, category, measure, dir));
                charts.add(VelocityCharts.categoryForecastHistory(report, category, measure, dir));
            }
        }
        return charts;
    }
}
