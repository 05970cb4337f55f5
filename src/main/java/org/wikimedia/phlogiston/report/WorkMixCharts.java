package org.wikimedia.phlogiston.report;

import static org.wikimedia.phlogiston.report.ChartDrawing.TEXT_FONT;
import static org.wikimedia.phlogiston.report.ChartDrawing.UTC;
import static org.wikimedia.phlogiston.report.ChartDrawing.chart;
import static org.wikimedia.phlogiston.report.ChartDrawing.dateAxis;
import static org.wikimedia.phlogiston.report.ChartDrawing.markZero;
import static org.wikimedia.phlogiston.report.ChartDrawing.stackedBars;
import static org.wikimedia.phlogiston.report.ChartDrawing.weekEndingPeriod;
import static org.wikimedia.phlogiston.report.ChartDrawing.wholeNumberAxis;
import static org.wikimedia.phlogiston.report.ChartDrawing.write;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.TimeTableXYDataset;

/**
 * The charts of what kind of work was done: maintenance against new functionality per week, and the resolved tasks
 * by points and priority.
 */
final class WorkMixCharts {

    /** The maintenance chart's two kinds of work (not categories, so none of {@link ChartPalette}'s colours). */
    private static final Color NEW_FUNCTIONALITY = new Color(0x1b9e77);
    private static final Color MAINTENANCE = new Color(0xd95f02);
    /** Phabricator's priorities by value, with the colours of its own priority tags (none: grey). */
    private static final Map<Integer, String> PRIORITY_NAMES = Map.of(100, "Unbreak Now!", 90, "Needs Triage",
            80, "High", 50, "Medium", 25, "Low", 10, "Lowest");
    private static final Map<Integer, Color> PRIORITY_COLOURS = Map.of(100, new Color(0xda49be),
            90, new Color(0x8e44ad), 80, new Color(0xc0392b), 50, new Color(0xe67e22), 25, new Color(0xf1c40f),
            10, new Color(0x3498db));
    private static final Color NO_PRIORITY = new Color(0x7f7f7f);

    private WorkMixCharts() {
    }

    /**
     * New functionality and maintenance resolved per week (stacked bars, the weeks of {@link ScopeReport#maintenance()}
     * that have a week before them), with the total percentage of maintenance in the subtitle.
     */
    static Chart maintenance(ScopeReport report, ChartMeasure measure, Path dir) throws IOException {
        Function<ScopeReport.MaintenanceWeek, Long> value = measure::maintenance;
        List<String> types = List.of(ScopeReport.NEW_FUNCTIONALITY, ScopeReport.MAINTENANCE);
        List<ScopeReport.MaintenanceWeek> weeks = report.maintenance().stream()
                .filter(week -> week.maintType() != null && types.contains(week.maintType()) && value.apply(week) != null)
                .toList();
        TimeTableXYDataset dataset = new TimeTableXYDataset(UTC);
        for (ScopeReport.MaintenanceWeek week : weeks) {
            dataset.add(weekEndingPeriod(week.date()), value.apply(week), week.maintType(), false);
        }
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(dateAxis());
        plot.setRangeAxis(wholeNumberAxis(measure.unit() + " done in the week to the date (below 0: reopened)"));
        plot.setDataset(dataset);
        StackedXYBarRenderer bars = stackedBars();
        // The dataset orders its series as it first met them: colour them by name.
        for (int series = 0; series < dataset.getSeriesCount(); series++) {
            bars.setSeriesPaint(series,
                    ScopeReport.MAINTENANCE.equals(dataset.getSeriesKey(series)) ? MAINTENANCE : NEW_FUNCTIONALITY);
        }
        plot.setRenderer(bars);
        markZero(plot, 1f);

        Long total = MaintenanceFraction.totalPercent(report.maintenance(), value);
        String share = total == null ? "no maintenance fraction (no tagged work done)"
                : "maintenance " + total + "% of the tagged work done";
        String title = report.title() + ": maintenance and new functionality per week by " + measure.unit();
        JFreeChart chart = chart(title, plot, true);
        chart.addSubtitle(new TextTitle("Last 3 months: " + share + ".", TEXT_FONT));
        String fileName = "maintenance_" + measure.fileSuffix() + ".png";
        return write(chart, dir, new Chart(fileName, title, maintenanceText(weeks, measure, value, share),
                List.of("maintenance_proportion.csv", "maintenance_fraction.csv",
                        "maintenance_fraction_total_by_" + measure.fileSuffix() + ".csv"), Chart.Group.MAINTENANCE));
    }

    private static String maintenanceText(List<ScopeReport.MaintenanceWeek> weeks, ChartMeasure measure,
                                          Function<ScopeReport.MaintenanceWeek, Long> value, String share) {
        LocalDate last = weeks.stream().map(ScopeReport.MaintenanceWeek::date).max(Comparator.naturalOrder())
                .orElse(null);
        if (last == null) {
            return "New functionality and maintenance done per week in " + measure.unit() + ": no data yet.";
        }
        LocalDate first = weeks.stream().map(ScopeReport.MaintenanceWeek::date).min(Comparator.naturalOrder())
                .orElseThrow();
        String lastWeek = weeks.stream().filter(week -> week.date().equals(last))
                .map(week -> week.maintType() + " " + value.apply(week))
                .collect(Collectors.joining("; "));
        return "Stacked bars of " + measure.unit() + " done per week as new functionality and as maintenance, weeks"
                + " ending " + first + " to " + last + ". Week ending " + last + ": " + lastWeek + ". In all: " + share
                + ".";
    }

    /**
     * The scope's resolved tasks by points (bars from the fewest points, tasks without points last), stacked by
     * priority from the highest.
     */
    static Chart pointsHistogram(ScopeReport report, Path dir) throws IOException {
        List<ScopeReport.HistogramBar> bars = report.pointsHistogram();
        List<Integer> priorities = bars.stream().map(ScopeReport.HistogramBar::priority).distinct()
                .sorted(Comparator.nullsLast(Comparator.<Integer>reverseOrder())).toList();
        List<Integer> points = bars.stream().map(ScopeReport.HistogramBar::points).distinct()
                .sorted(Comparator.nullsLast(Comparator.<Integer>naturalOrder())).toList();
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (Integer priority : priorities) {
            for (Integer pointsOfBar : points) {
                dataset.addValue(tasks(bars, priority, pointsOfBar), priorityName(priority), pointsName(pointsOfBar));
            }
        }
        CategoryPlot plot = new CategoryPlot();
        plot.setDomainAxis(new CategoryAxis("points"));
        plot.setRangeAxis(wholeNumberAxis("resolved tasks"));
        plot.setDataset(dataset);
        StackedBarRenderer renderer = new StackedBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setMaximumBarWidth(0.08);
        for (int i = 0; i < priorities.size(); i++) {
            renderer.setSeriesPaint(i, priorities.get(i) == null ? NO_PRIORITY
                    : PRIORITY_COLOURS.getOrDefault(priorities.get(i), ChartPalette.colour(i)));
        }
        plot.setRenderer(renderer);

        String title = report.title() + ": resolved tasks by points and priority";
        String altText;
        if (bars.isEmpty()) {
            altText = "Resolved tasks by points and priority: none resolved on " + report.latestData() + ".";
        } else {
            String perPoints = points.stream().map(pointsOfBar -> pointsName(pointsOfBar) + ": "
                    + priorities.stream()
                            .map(priority -> tasks(bars, priority, pointsOfBar) + " " + priorityName(priority))
                            .filter(text -> !text.startsWith("0 "))
                            .collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("; "));
            altText = "Stacked bars of the tasks resolved by " + report.latestData() + " per points, by priority. "
                    + perPoints + ".";
        }
        return write(chart(title, plot, true), dir, new Chart("points_histogram.png", title, altText,
                List.of("points_histogram.csv"), Chart.Group.POINTS_HISTOGRAM));
    }

    /** The resolved tasks of the priority and points. */
    private static long tasks(List<ScopeReport.HistogramBar> bars, Integer priority, Integer points) {
        return bars.stream()
                .filter(bar -> Objects.equals(bar.priority(), priority) && Objects.equals(bar.points(), points))
                .mapToLong(ScopeReport.HistogramBar::count).sum();
    }

    private static String priorityName(Integer priority) {
        return priority == null ? "no priority" : PRIORITY_NAMES.getOrDefault(priority, "priority " + priority);
    }

    private static String pointsName(Integer points) {
        return points == null ? "no points" : points + (points == 1 ? " point" : " points");
    }
}
