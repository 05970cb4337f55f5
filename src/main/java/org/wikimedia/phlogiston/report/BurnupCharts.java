package org.wikimedia.phlogiston.report;

import static org.wikimedia.phlogiston.report.ChartDrawing.LABEL_FONT;
import static org.wikimedia.phlogiston.report.ChartDrawing.categoryFilePrefix;
import static org.wikimedia.phlogiston.report.ChartDrawing.chart;
import static org.wikimedia.phlogiston.report.ChartDrawing.dateAxis;
import static org.wikimedia.phlogiston.report.ChartDrawing.dayPeriod;
import static org.wikimedia.phlogiston.report.ChartDrawing.markZero;
import static org.wikimedia.phlogiston.report.ChartDrawing.smallChart;
import static org.wikimedia.phlogiston.report.ChartDrawing.stackedAreas;
import static org.wikimedia.phlogiston.report.ChartDrawing.stackedBarsByCategory;
import static org.wikimedia.phlogiston.report.ChartDrawing.stackedByCategory;
import static org.wikimedia.phlogiston.report.ChartDrawing.startOf;
import static org.wikimedia.phlogiston.report.ChartDrawing.wholeNumberAxis;
import static org.wikimedia.phlogiston.report.ChartDrawing.write;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.time.SimpleTimePeriod;
import org.jfree.data.time.TimeTableXYDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import org.wikimedia.phlogiston.report.ScopeReport.Category;
import org.wikimedia.phlogiston.report.ScopeReport.DayTotals;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecast;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecaster;
import org.wikimedia.phlogiston.report.montecarlo.Simulation;

/**
 * The charts of work done and open: the scope's burnups (with the last-quarter and show-hidden variants), one
 * category's burnup, each with the fan of its Monte Carlo forecast's simulated work done, and the work completed per
 * week, month and quarter.
 */
final class BurnupCharts {

    /** Band labels closer than this (in pixels, for a plot of the usual height) would overprint each other. */
    private static final double LABEL_MIN_GAP_PIXELS = 13;
    private static final double PLOT_HEIGHT_PIXELS = 360;

    /**
     * @param fan whether the variant draws the whole scope's fan of simulated work done, when it shows every category
     *            (the fan's trials drew on all of them); the last-quarter variants count done work differently
     */
    private record BurnupVariant(String fileSuffix, String titleNote, String resolvedDataFile, String openDataFile,
                                 Function<ScopeReport, List<DayTotals>> days, boolean showHidden, boolean fan) {
    }

    /** The show-hidden variants are drawn only when some category is hidden: else they would repeat the others. */
    private static final List<BurnupVariant> BURNUP_VARIANTS = List.of(
            new BurnupVariant("", "", "burn_done.csv", "burn_open.csv", ScopeReport::burnup, false, true),
            new BurnupVariant("_lastq", ", done in the last quarter", "burn_done_lastq.csv", "burn_open.csv",
                    ScopeReport::burnupLastQuarter, false, false),
            new BurnupVariant("_showhidden", ", hidden categories included", "burn_done_showhidden.csv",
                    "burn_open_showhidden.csv", ScopeReport::burnup, true, true),
            new BurnupVariant("_showhidden_lastq", ", hidden categories included, done in the last quarter",
                    "burn_done_showhidden_lastq.csv", "burn_open_showhidden.csv", ScopeReport::burnupLastQuarter,
                    true, false));

    /** The fan's colour: the whole scope's, as in the Monte Carlo charts. */
    private static final Color FAN = new Color(0x555555);

    private BurnupCharts() {
    }

    /**
     * The scope's burnups, each variant in each measure: of the shown categories, and of all (hidden ones too) when
     * some are hidden.
     */
    static List<Chart> scopeBurnups(ScopeReport report, List<Category> all, List<Category> shown,
                                    List<ChartMeasure> measures, Path dir) throws IOException {
        List<Chart> charts = new ArrayList<>();
        for (BurnupVariant variant : BURNUP_VARIANTS) {
            if (variant.showHidden() && all.size() == shown.size()) {
                continue;
            }
            List<Category> drawn = variant.showHidden() ? all : shown;
            for (ChartMeasure measure : measures) {
                Optional<MonteCarloForecast> fan = variant.fan() && drawn.size() == all.size()
                        ? MonteCarloCharts.forecastOf(report, MonteCarloForecaster.WHOLE_SCOPE, measure)
                        : Optional.empty();
                charts.add(burnup(report, drawn, measure, variant, fan, dir));
            }
        }
        return charts;
    }

    private static Chart burnup(ScopeReport report, List<Category> shown, ChartMeasure measure,
                                BurnupVariant variant, Optional<MonteCarloForecast> fan, Path dir) throws IOException {
        List<DayTotals> days = variant.days().apply(report);
        XYPlot plot = burnupPlot(days, shown, measure);
        String fanText = fan.map(forecast -> drawFan(plot, forecast, days, measure)).orElse("");
        // Room on the right for the band labels.
        plot.getDomainAxis().setUpperMargin(0.2);

        LocalDate last = days.stream().map(DayTotals::date).max(Comparator.naturalOrder()).orElse(null);
        if (last != null) {
            List<DayTotals> lastDay = days.stream().filter(day -> day.date().equals(last)).toList();
            double span = days.stream()
                    .collect(Collectors.groupingBy(DayTotals::date,
                            Collectors.summingLong(day -> measure.open(day) + measure.resolved(day))))
                    .values().stream().mapToLong(Long::longValue).max().orElse(1);
            double minGap = span * LABEL_MIN_GAP_PIXELS / PLOT_HEIGHT_PIXELS;
            double x = dayPeriod(last).getEnd().getTime();
            labelBands(plot, shown, lastDay, measure::resolved, 1, x, minGap);
            labelBands(plot, shown, lastDay, measure::open, -1, x, minGap);
        }

        String title = report.title() + ": burnup by " + measure.unit() + variant.titleNote();
        String fileName = "burnup_" + measure.fileSuffix() + variant.fileSuffix() + ".png";
        return write(chart(title, plot, true), dir, new Chart(fileName, title,
                burnupText(shown, measure, days, last) + fanText,
                dataFiles(fan, variant.resolvedDataFile(), variant.openDataFile()), Chart.Group.BURNUP));
    }

    /** Done work of the categories stacked above the axis, open work below it, in their colours. */
    private static XYPlot burnupPlot(List<DayTotals> days, List<Category> categories, ChartMeasure measure) {
        TimeTableXYDataset resolved = stackedByCategory(days, categories, day -> dayPeriod(day.date()),
                DayTotals::category, measure::resolved);
        TimeTableXYDataset open = stackedByCategory(days, categories, day -> dayPeriod(day.date()),
                DayTotals::category, day -> -measure.open(day));

        XYPlot plot = new XYPlot();
        plot.setDomainAxis(dateAxis());
        plot.setRangeAxis(wholeNumberAxis("open below 0, done above (" + measure.unit() + ")"));
        plot.setDataset(0, resolved);
        plot.setRenderer(0, stackedAreas(categories, true));
        plot.setDataset(1, open);
        plot.setRenderer(1, stackedAreas(categories, false));
        markZero(plot, 1.5f);
        return plot;
    }

    /** One category's burnup: its done work above the axis, its open work below, in its colour. */
    static Chart categoryBurnup(ScopeReport report, Category category, ChartMeasure measure, Path dir)
            throws IOException {
        List<DayTotals> days = report.burnup().stream()
                .filter(day -> day.category().equals(category.title()))
                .toList();
        XYPlot plot = burnupPlot(days, List.of(category), measure);
        Optional<MonteCarloForecast> fan = MonteCarloCharts.forecastOf(report, category.title(), measure);
        String fanText = fan.map(forecast -> drawFan(plot, forecast, days, measure)).orElse("");
        LocalDate last = days.stream().map(DayTotals::date).max(Comparator.naturalOrder()).orElse(null);
        String title = category.title() + ": burnup by " + measure.unit();
        String fileName = categoryFilePrefix(category) + "burnup_" + measure.fileSuffix() + ".png";
        return write(smallChart(title, plot, false), dir, new Chart(fileName, title,
                burnupText(List.of(category), measure, days, last) + fanText,
                dataFiles(fan, "burn_done.csv", "burn_open.csv"), Chart.Group.CATEGORY, ChartRenderer.SMALL_WIDTH,
                ChartRenderer.SMALL_HEIGHT));
    }

    /**
     * Draws the forecast's fan from the top of the chart's done work on the forecast's start (the latest data): a
     * shaded band from the work done in at least 95% of the simulated futures to that done in at least 50%, with a
     * line at 85%. Returns it in words, for the chart's text.
     */
    private static String drawFan(XYPlot plot, MonteCarloForecast forecast, List<DayTotals> days, ChartMeasure measure) {
        LocalDate start = forecast.window().start();
        long done = days.stream().filter(day -> day.date().equals(start)).mapToLong(measure::resolved).sum();
        Simulation simulation = forecast.simulation();
        YIntervalSeries band = new YIntervalSeries("Simulated work done: 50–95% of futures, line at 85%");
        for (int week = 0; week <= simulation.fanWeeks(); week++) {
            band.add(startOf(MonteCarloCharts.weekEnding(forecast, week)).getTime(),
                    done + simulation.doneInAtLeast(week, 85), done + simulation.doneInAtLeast(week, 95),
                    done + simulation.doneInAtLeast(week, 50));
        }
        YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
        dataset.addSeries(band);
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setSeriesPaint(0, FAN);
        renderer.setSeriesFillPaint(0, FAN);
        renderer.setSeriesStroke(0, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {4f, 3f}, 0f));
        renderer.setAlpha(0.25f);
        // the renderer first: a dataset without one is measured by renderer 0, which can only stack
        int index = plot.getDatasetCount();
        plot.setRenderer(index, renderer);
        plot.setDataset(index, dataset);
        int end = simulation.fanWeeks();
        return " The grey fan from " + start + " to " + MonteCarloCharts.weekEnding(forecast, end)
                + " is the work done in the simulated futures (Monte Carlo): by "
                + MonteCarloCharts.weekEnding(forecast, end) + ", " + (done + simulation.doneInAtLeast(end, 95))
                + " or more in 95% of them, " + (done + simulation.doneInAtLeast(end, 85)) + " or more in 85%, "
                + (done + simulation.doneInAtLeast(end, 50)) + " or more in 50%.";
    }

    /** A burnup's data files, and the fan's when it has one. */
    private static List<String> dataFiles(Optional<MonteCarloForecast> fan, String resolved, String open) {
        return fan.isPresent() ? List.of(resolved, open, DataFiles.MONTE_CARLO_FAN) : List.of(resolved, open);
    }

    /**
     * Names each band at its right end, in the middle of its height on the last day; a band too thin to hold a label
     * apart from its neighbour's is named by the legend only.
     */
    private static void labelBands(XYPlot plot, List<Category> shown, List<DayTotals> lastDay,
                                   ToLongFunction<DayTotals> value, int direction, double x, double minGap) {
        Map<String, Long> byCategory = lastDay.stream()
                .collect(Collectors.toMap(DayTotals::category, value::applyAsLong, Long::sum));
        double base = 0;
        double lastLabel = Double.NEGATIVE_INFINITY;
        for (Category category : shown) {
            long height = byCategory.getOrDefault(category.title(), 0L);
            if (height <= 0) {
                continue;
            }
            double middle = base + height / 2.0;
            base += height;
            if (middle - lastLabel < minGap) {
                continue;
            }
            lastLabel = middle;
            XYTextAnnotation label = new XYTextAnnotation(" " + category.title(), x, direction * middle);
            label.setFont(LABEL_FONT);
            label.setTextAnchor(TextAnchor.HALF_ASCENT_LEFT);
            plot.addAnnotation(label);
        }
    }

    private static String burnupText(List<Category> shown, ChartMeasure measure, List<DayTotals> days,
                                     LocalDate last) {
        if (last == null) {
            return "Burnup by " + measure.unit() + ": no data yet.";
        }
        LocalDate first = days.stream().map(DayTotals::date).min(Comparator.naturalOrder()).orElseThrow();
        Map<String, DayTotals> lastDay = days.stream().filter(day -> day.date().equals(last))
                .collect(Collectors.toMap(DayTotals::category, day -> day, (a, b) -> a));
        String totals = shown.stream()
                .filter(category -> lastDay.containsKey(category.title()))
                .map(category -> {
                    DayTotals day = lastDay.get(category.title());
                    return category.title() + " " + measure.resolved(day) + " done, " + measure.open(day)
                            + " open";
                })
                .collect(Collectors.joining("; "));
        return "Stacked areas of work in " + measure.unit() + " by category from " + first + " to " + last
                + ": done above the axis, open below it. On " + last + ": " + (totals.isEmpty() ? "none" : totals)
                + ".";
    }

    /** Work completed per period, stacked by category. */
    static Chart completed(ScopeReport report, List<Category> shown, ChartPeriod period,
                           List<ChartPeriod.Completed> completed, ChartMeasure measure, Path dir) throws IOException {
        ToLongFunction<ChartPeriod.Completed> value = measure == ChartMeasure.POINTS
                ? ChartPeriod.Completed::points : ChartPeriod.Completed::count;
        TimeTableXYDataset dataset = stackedByCategory(completed, shown,
                row -> new SimpleTimePeriod(startOf(row.start()), startOf(period.next(row.start()))),
                row -> row.category().title(), value);

        XYPlot plot = stackedBarsByCategory(dataset, shown,
                measure.unit() + " completed in the " + period.noun() + " (below 0: reopened)");

        String title = report.title() + ": " + measure.unit() + " completed per " + period.noun();
        String fileName = "completed_" + period.noun() + "_" + measure.fileSuffix() + ".png";
        return write(chart(title, plot, true), dir, new Chart(fileName, title,
                completedText(shown, period, completed, measure, value), List.of(period.dataFile()),
                Chart.Group.COMPLETED));
    }

    private static String completedText(List<Category> shown, ChartPeriod period, List<ChartPeriod.Completed> completed,
                                        ChartMeasure measure, ToLongFunction<ChartPeriod.Completed> value) {
        LocalDate last = completed.stream().map(ChartPeriod.Completed::start).max(Comparator.naturalOrder())
                .orElse(null);
        if (last == null) {
            return "Work completed per " + period.noun() + " in " + measure.unit() + ": no data yet.";
        }
        LocalDate first = completed.stream().map(ChartPeriod.Completed::start).min(Comparator.naturalOrder())
                .orElseThrow();
        Map<String, Long> lastPeriod = completed.stream().filter(row -> row.start().equals(last))
                .collect(Collectors.toMap(row -> row.category().title(), value::applyAsLong, Long::sum));
        String done = shown.stream()
                .filter(category -> lastPeriod.containsKey(category.title()))
                .map(category -> category.title() + " " + lastPeriod.get(category.title()))
                .collect(Collectors.joining("; "));
        return "Stacked bars of " + measure.unit() + " completed per " + period.noun() + " by category, "
                + period.noun() + "s from " + first + " to " + last + ". The " + period.noun() + " from " + last
                + ": " + (done.isEmpty() ? "none" : done) + ".";
    }
}
