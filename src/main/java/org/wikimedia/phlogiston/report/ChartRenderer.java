package org.wikimedia.phlogiston.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.report.ScopeReport.Category;

/**
 * Draws a scope's charts as PNG files: burnups (with show-hidden variants), forecasts, weekly velocity, completed work
 * per week, month and quarter, maintenance, points, and a small burnup, velocity and forecast history chart per
 * category; once per unit the scope shows. Charts show the categories that are not hidden, in rule order, each in its
 * {@link ChartPalette} colour; only the show-hidden burnups show the hidden ones too.
 * <p>
 * Each family of charts is its own class ({@link BurnupCharts}, {@link VelocityCharts}, {@link WorkMixCharts},
 * {@link MonteCarloCharts}, {@link FlowCharts}),
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
     * maintenance, points, per category, then the Monte Carlo charts and the flow charts. They are drawn in parallel,
     * one thread per core: each chart is its own drawing and file.
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
        List<Drawing> drawings = new ArrayList<>();
        drawings.add(() -> BurnupCharts.scopeBurnups(report, all, shown, measures, dir));
        for (ChartMeasure measure : measures) {
            drawings.add(() -> List.of(VelocityCharts.forecast(report, shown, measure, dir)));
        }
        for (ChartMeasure measure : measures) {
            drawings.add(() -> List.of(VelocityCharts.velocity(report, shown, measure, dir)));
        }
        for (ChartPeriod period : ChartPeriod.values()) {
            List<ChartPeriod.Completed> completed = period.completedWork(report.velocity(), shown);
            for (ChartMeasure measure : measures) {
                drawings.add(() -> List.of(BurnupCharts.completed(report, shown, period, completed, measure, dir)));
            }
        }
        for (ChartMeasure measure : measures) {
            drawings.add(() -> List.of(WorkMixCharts.maintenance(report, measure, dir)));
        }
        if (report.showPoints()) {
            drawings.add(() -> List.of(WorkMixCharts.pointsHistogram(report, dir)));
        }
        for (Category category : shown) {
            for (ChartMeasure measure : measures) {
                drawings.add(() -> List.of(BurnupCharts.categoryBurnup(report, category, measure, dir),
                        VelocityCharts.categoryVelocity(report, category, measure, dir),
                        VelocityCharts.categoryForecastHistory(report, category, measure, dir)));
            }
        }
        drawings.add(() -> MonteCarloCharts.render(report, shown, measures, dir));
        drawings.add(() -> FlowCharts.all(report, measures, dir));
        return drawAll(drawings);
    }

    /** Some charts of the page, drawn and written in page order. */
    private interface Drawing {
        List<Chart> draw() throws IOException;
    }

    /** Draws on one thread per core; the charts in the drawings' order. */
    private static List<Chart> drawAll(List<Drawing> drawings) throws IOException {
        ExecutorService threads = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<List<Chart>>> drawn = new ArrayList<>();
            for (Drawing drawing : drawings) {
                drawn.add(threads.submit(drawing::draw));
            }
            List<Chart> charts = new ArrayList<>();
            for (Future<List<Chart>> future : drawn) {
                charts.addAll(future.get());
            }
            return charts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while drawing the charts", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }
}
