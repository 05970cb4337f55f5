package org.wikimedia.phlogiston.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.CategoryTextAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.category.DefaultIntervalCategoryDataset;
import org.jfree.data.time.SimpleTimePeriod;
import org.jfree.data.time.TimePeriod;
import org.jfree.data.time.TimeTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.springframework.stereotype.Component;
import org.wikimedia.phlogiston.report.ScopeReport.Category;
import org.wikimedia.phlogiston.report.ScopeReport.DayTotals;
import org.wikimedia.phlogiston.report.forecast.ForecastTableRow;
import org.wikimedia.phlogiston.report.forecast.WeeklyForecast;

/**
 * Draws a scope's charts as PNG files: burnups (with show-hidden variants), forecasts, weekly velocity, completed work
 * per week, month and quarter, and a small burnup and velocity chart per category; once per unit the scope shows.
 * Charts show the categories that are not hidden, in rule order, each in its {@link ChartPalette} colour; only the
 * show-hidden burnups show the hidden ones too. All dates are days in UTC, as the data are.
 */
@Component
public class ChartRenderer {

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 500;
    /** The size of the per-category charts, two to a row. */
    public static final int SMALL_WIDTH = 500;
    public static final int SMALL_HEIGHT = 300;
    /** The forecast velocities' lines: colours none of {@link ChartPalette}'s, told apart by their dashes too. */
    private static final Color OPTIMISTIC = new Color(0x006d2c);
    private static final Color NOMINAL = Color.BLACK;
    private static final Color PESSIMISTIC = new Color(0xb2182b);
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

    private static final TimeZone UTC = TimeZone.getTimeZone(ZoneOffset.UTC);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TEXT_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** Band labels closer than this (in pixels, for a plot of the usual height) would overprint each other. */
    private static final double LABEL_MIN_GAP_PIXELS = 13;
    private static final double PLOT_HEIGHT_PIXELS = 360;

    private record BurnupVariant(String fileSuffix, String titleNote, String resolvedDataFile, String openDataFile,
                                 Function<ScopeReport, List<DayTotals>> days, boolean showHidden) {
    }

    /** The show-hidden variants are drawn only when some category is hidden: else they would repeat the others. */
    private static final List<BurnupVariant> BURNUP_VARIANTS = List.of(
            new BurnupVariant("", "", "burn_done.csv", "burn_open.csv", ScopeReport::burnup, false),
            new BurnupVariant("_lastq", ", done in the last quarter", "burn_done_lastq.csv", "burn_open.csv",
                    ScopeReport::burnupLastQuarter, false),
            new BurnupVariant("_showhidden", ", hidden categories included", "burn_done_showhidden.csv",
                    "burn_open_showhidden.csv", ScopeReport::burnup, true),
            new BurnupVariant("_showhidden_lastq", ", hidden categories included, done in the last quarter",
                    "burn_done_showhidden_lastq.csv", "burn_open_showhidden.csv", ScopeReport::burnupLastQuarter,
                    true));

    /**
     * Writes the charts into {@code dir} and returns them in page order: burnups, forecasts, velocity, completed work,
     * per category.
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
        List<Chart> charts = new ArrayList<>();
        for (BurnupVariant variant : BURNUP_VARIANTS) {
            if (variant.showHidden() && all.size() == shown.size()) {
                continue;
            }
            for (ChartMeasure measure : measures) {
                charts.add(burnup(report, variant.showHidden() ? all : shown, measure, variant, dir));
            }
        }
        for (ChartMeasure measure : measures) {
            charts.add(forecast(report, shown, measure, dir));
        }
        for (ChartMeasure measure : measures) {
            charts.add(velocity(report, shown, measure, dir));
        }
        for (ChartPeriod period : ChartPeriod.values()) {
            List<ChartPeriod.Completed> completed = period.completedWork(report.velocity(), shown);
            for (ChartMeasure measure : measures) {
                charts.add(completed(report, shown, period, completed, measure, dir));
            }
        }
        for (ChartMeasure measure : measures) {
            charts.add(maintenance(report, measure, dir));
        }
        if (report.showPoints()) {
            charts.add(pointsHistogram(report, dir));
        }
        for (Category category : shown) {
            for (ChartMeasure measure : measures) {
                charts.add(categoryBurnup(report, category, measure, dir));
                charts.add(categoryVelocity(report, category, measure, dir));
                charts.add(categoryForecastHistory(report, category, measure, dir));
            }
        }
        return charts;
    }

    private Chart burnup(ScopeReport report, List<Category> shown, ChartMeasure measure, BurnupVariant variant,
                         Path dir) throws IOException {
        List<DayTotals> days = variant.days().apply(report);
        XYPlot plot = burnupPlot(days, shown, measure);
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
        write(chart(title, plot, true), dir.resolve(fileName));
        return new Chart(fileName, title, burnupText(shown, measure, days, last),
                List.of(variant.resolvedDataFile(), variant.openDataFile()), Chart.Group.BURNUP);
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
        plot.addRangeMarker(new ValueMarker(0, Color.BLACK, new BasicStroke(1.5f)));
        return plot;
    }

    /** One category's burnup: its done work above the axis, its open work below, in its colour. */
    private Chart categoryBurnup(ScopeReport report, Category category, ChartMeasure measure, Path dir)
            throws IOException {
        List<DayTotals> days = report.burnup().stream()
                .filter(day -> day.category().equals(category.title()))
                .toList();
        XYPlot plot = burnupPlot(days, List.of(category), measure);
        LocalDate last = days.stream().map(DayTotals::date).max(Comparator.naturalOrder()).orElse(null);
        String title = category.title() + ": burnup by " + measure.unit();
        String fileName = categoryFilePrefix(category) + "burnup_" + measure.fileSuffix() + ".png";
        write(smallChart(title, plot, false), dir.resolve(fileName), SMALL_WIDTH, SMALL_HEIGHT);
        return new Chart(fileName, title, burnupText(List.of(category), measure, days, last),
                List.of("burn_done.csv", "burn_open.csv"), Chart.Group.CATEGORY, SMALL_WIDTH, SMALL_HEIGHT);
    }

    /**
     * One category's work done per week (bars in its colour) and its optimistic, nominal and pessimistic velocity
     * forecasts on each week (lines).
     */
    private Chart categoryVelocity(ScopeReport report, Category category, ChartMeasure measure, Path dir)
            throws IOException {
        List<WeeklyForecast> weeks = weeksOf(report, category);
        TimeTableXYDataset done = stackedByCategory(weeks, List.of(category),
                week -> weekEndingPeriod(week.date()), WeeklyForecast::category,
                week -> measure.forecast(week).deltaResolved());
        XYSeries optimistic = new XYSeries("optimistic velocity");
        XYSeries nominal = new XYSeries("nominal velocity");
        XYSeries pessimistic = new XYSeries("pessimistic velocity");
        for (WeeklyForecast week : weeks) {
            double x = weekEndingPeriod(week.date()).getStart().getTime() / 2.0
                    + weekEndingPeriod(week.date()).getEnd().getTime() / 2.0;
            optimistic.add(x, measure.forecast(week).optVel());
            nominal.add(x, measure.forecast(week).nomVel());
            pessimistic.add(x, measure.forecast(week).pesVel());
        }
        XYSeriesCollection velocities = new XYSeriesCollection();
        velocities.addSeries(optimistic);
        velocities.addSeries(nominal);
        velocities.addSeries(pessimistic);

        XYPlot plot = new XYPlot();
        plot.setDomainAxis(dateAxis());
        NumberAxis axis = new NumberAxis(measure.unit() + " per week");
        axis.setAutoRangeIncludesZero(true);
        plot.setRangeAxis(axis);
        plot.setDataset(0, done);
        StackedXYBarRenderer bars = new StackedXYBarRenderer(0.1);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        colourByCategory(bars, List.of(category));
        bars.setSeriesVisibleInLegend(0, false);
        plot.setRenderer(0, bars);
        // The lines' renderer before their data: without it the plot would measure them with the bars' renderer.
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        lines.setSeriesPaint(0, OPTIMISTIC);
        lines.setSeriesStroke(0, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 4f}, 0f));
        lines.setSeriesPaint(1, NOMINAL);
        lines.setSeriesStroke(1, new BasicStroke(2f));
        lines.setSeriesPaint(2, PESSIMISTIC);
        lines.setSeriesStroke(2, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {2f, 3f}, 0f));
        plot.setRenderer(1, lines);
        plot.setDataset(1, velocities);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.addRangeMarker(new ValueMarker(0, Color.BLACK, new BasicStroke(1f)));

        String title = category.title() + ": " + measure.unit() + " done per week and velocity";
        String fileName = categoryFilePrefix(category) + "velocity_" + measure.fileSuffix() + ".png";
        write(smallChart(title, plot, true), dir.resolve(fileName), SMALL_WIDTH, SMALL_HEIGHT);
        return new Chart(fileName, title, categoryVelocityText(category, measure, weeks),
                List.of("tranche_velocity.csv", "tranche_velocity_" + measure.fileSuffix() + ".csv"),
                Chart.Group.CATEGORY, SMALL_WIDTH, SMALL_HEIGHT);
    }

    /** The category's weeks of the velocity table, oldest first. */
    private static List<WeeklyForecast> weeksOf(ScopeReport report, Category category) {
        return report.velocity().stream()
                .filter(week -> week.category().equals(category.title()))
                .sorted(Comparator.comparing(WeeklyForecast::date))
                .toList();
    }

    /**
     * How one category's nominal forecast moved: on each week (x), the date the category would be done (y) at the
     * nominal velocity and growth of that week; weeks without a forecast leave a gap.
     */
    private Chart categoryForecastHistory(ScopeReport report, Category category, ChartMeasure measure, Path dir)
            throws IOException {
        List<WeeklyForecast> weeks = weeksOf(report, category);
        XYSeries nominal = new XYSeries("nominal forecast", false, true);
        for (WeeklyForecast week : weeks) {
            LocalDate forecast = measure.forecast(week).nomDate();
            nominal.add(startOf(week.date()).getTime(), forecast == null ? null : startOf(forecast).getTime());
        }
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(dateAxis());
        DateAxis forecastAxis = new DateAxis("forecast completion");
        forecastAxis.setTimeZone(UTC);
        plot.setRangeAxis(forecastAxis);
        plot.setDataset(new XYSeriesCollection(nominal));
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, true);
        line.setSeriesPaint(0, ChartPalette.colour(category.order()));
        line.setSeriesStroke(0, new BasicStroke(2f));
        plot.setRenderer(line);

        String title = category.title() + ": nominal forecast by " + measure.unit() + " over the weeks";
        String fileName = categoryFilePrefix(category) + "forecast_" + measure.fileSuffix() + ".png";
        write(smallChart(title, plot, false), dir.resolve(fileName), SMALL_WIDTH, SMALL_HEIGHT);
        return new Chart(fileName, title, categoryForecastHistoryText(category, measure, weeks),
                List.of("forecast.csv"), Chart.Group.CATEGORY, SMALL_WIDTH, SMALL_HEIGHT);
    }

    private static String categoryForecastHistoryText(Category category, ChartMeasure measure,
                                                      List<WeeklyForecast> weeks) {
        List<WeeklyForecast> forecasts = weeks.stream().filter(week -> measure.forecast(week).nomDate() != null)
                .toList();
        if (forecasts.isEmpty()) {
            return category.title() + ": nominal forecast by " + measure.unit() + ": no forecast yet.";
        }
        WeeklyForecast first = forecasts.get(0);
        WeeklyForecast last = forecasts.get(forecasts.size() - 1);
        return category.title() + ": the date of completion forecast at the nominal " + measure.unit()
                + " velocity, week by week: on " + first.date() + " " + measure.forecast(first).nomDate() + ", on "
                + last.date() + " " + measure.forecast(last).nomDate() + " (" + forecasts.size() + " of "
                + weeks.size() + " weeks with a forecast).";
    }

    private static String categoryVelocityText(Category category, ChartMeasure measure, List<WeeklyForecast> weeks) {
        if (weeks.isEmpty()) {
            return category.title() + ": work done per week in " + measure.unit() + ": no data yet.";
        }
        WeeklyForecast first = weeks.get(0);
        WeeklyForecast last = weeks.get(weeks.size() - 1);
        return category.title() + ": bars of " + measure.unit() + " done per week, weeks ending " + first.date()
                + " to " + last.date() + ", with lines of its optimistic, nominal and pessimistic velocity. Week ending "
                + last.date() + ": " + measure.forecast(last).deltaResolved() + " done; velocity optimistic "
                + decimal(measure.forecast(last).optVel()) + ", nominal " + decimal(measure.forecast(last).nomVel())
                + ", pessimistic " + decimal(measure.forecast(last).pesVel()) + " " + measure.unit() + " per week.";
    }

    /** Per-category files are named by rule order, as titles may hold any character. */
    private static String categoryFilePrefix(Category category) {
        return "category" + category.order() + "_";
    }

    private static String decimal(double value) {
        return value == Math.rint(value) ? Long.toString((long) value)
                : BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    /** Work completed per period, stacked by category. */
    private Chart completed(ScopeReport report, List<Category> shown, ChartPeriod period,
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
        write(chart(title, plot, true), dir.resolve(fileName));
        return new Chart(fileName, title, completedText(shown, period, completed, measure, value),
                List.of(period.dataFile()), Chart.Group.COMPLETED);
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

    /**
     * New functionality and maintenance resolved per week (stacked bars, the weeks of {@link ScopeReport#maintenance()}
     * that have a week before them), with the total percentage of maintenance in the subtitle.
     */
    private Chart maintenance(ScopeReport report, ChartMeasure measure, Path dir) throws IOException {
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
        StackedXYBarRenderer bars = new StackedXYBarRenderer(0.1);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        // The dataset orders its series as it first met them: colour them by name.
        for (int series = 0; series < dataset.getSeriesCount(); series++) {
            bars.setSeriesPaint(series,
                    ScopeReport.MAINTENANCE.equals(dataset.getSeriesKey(series)) ? MAINTENANCE : NEW_FUNCTIONALITY);
        }
        plot.setRenderer(bars);
        plot.addRangeMarker(new ValueMarker(0, Color.BLACK, new BasicStroke(1f)));

        Long total = MaintenanceFraction.totalPercent(report.maintenance(), value);
        String share = total == null ? "no maintenance fraction (no tagged work done)"
                : "maintenance " + total + "% of the tagged work done";
        String title = report.title() + ": maintenance and new functionality per week by " + measure.unit();
        JFreeChart chart = chart(title, plot, true);
        chart.addSubtitle(new TextTitle("Last 3 months: " + share + ".", TEXT_FONT));
        String fileName = "maintenance_" + measure.fileSuffix() + ".png";
        write(chart, dir.resolve(fileName));
        return new Chart(fileName, title, maintenanceText(weeks, measure, value, share),
                List.of("maintenance_proportion.csv", "maintenance_fraction.csv",
                        "maintenance_fraction_total_by_" + measure.fileSuffix() + ".csv"), Chart.Group.MAINTENANCE);
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
    private Chart pointsHistogram(ScopeReport report, Path dir) throws IOException {
        List<ScopeReport.HistogramBar> bars = report.pointsHistogram();
        List<Integer> priorities = bars.stream().map(ScopeReport.HistogramBar::priority).distinct()
                .sorted(Comparator.nullsLast(Comparator.<Integer>reverseOrder())).toList();
        List<Integer> points = bars.stream().map(ScopeReport.HistogramBar::points).distinct()
                .sorted(Comparator.nullsLast(Comparator.<Integer>naturalOrder())).toList();
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (Integer priority : priorities) {
            for (Integer pointsOfBar : points) {
                long count = bars.stream()
                        .filter(bar -> Objects.equals(bar.priority(), priority)
                                && Objects.equals(bar.points(), pointsOfBar))
                        .mapToLong(ScopeReport.HistogramBar::count).sum();
                dataset.addValue(count, priorityName(priority), pointsName(pointsOfBar));
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
        String fileName = "points_histogram.png";
        write(chart(title, plot, true), dir.resolve(fileName));
        String altText;
        if (bars.isEmpty()) {
            altText = "Resolved tasks by points and priority: none resolved on " + report.latestData() + ".";
        } else {
            String perPoints = points.stream().map(pointsOfBar -> pointsName(pointsOfBar) + ": "
                    + priorities.stream().map(priority -> bars.stream()
                                    .filter(bar -> Objects.equals(bar.priority(), priority)
                                            && Objects.equals(bar.points(), pointsOfBar))
                                    .mapToLong(ScopeReport.HistogramBar::count).sum() + " " + priorityName(priority))
                            .filter(text -> !text.startsWith("0 "))
                            .collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("; "));
            altText = "Stacked bars of the tasks resolved by " + report.latestData() + " per points, by priority. "
                    + perPoints + ".";
        }
        return new Chart(fileName, title, altText, List.of("points_histogram.csv"), Chart.Group.POINTS_HISTOGRAM);
    }

    private static String priorityName(Integer priority) {
        return priority == null ? "no priority" : PRIORITY_NAMES.getOrDefault(priority, "priority " + priority);
    }

    private static String pointsName(Integer points) {
        return points == null ? "no points" : points + (points == 1 ? " point" : " points");
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

    private Chart forecast(ScopeReport report, List<Category> shown, ChartMeasure measure, Path dir)
            throws IOException {
        Map<String, ForecastTableRow> rows = report.forecastTable().stream()
                .collect(Collectors.toMap(ForecastTableRow::category, row -> row, (a, b) -> a));
        List<Category> forecast = shown.stream().filter(category -> rows.containsKey(category.title())).toList();
        String[] titles = forecast.stream().map(Category::title).toArray(String[]::new);
        Number[][] optimistic = new Number[1][titles.length];
        Number[][] pessimistic = new Number[1][titles.length];
        DefaultCategoryDataset nominal = new DefaultCategoryDataset();
        ChartMeasure.ForecastColumns columns = measure.forecastColumns();
        List<String> descriptions = new ArrayList<>();
        CategoryPlot plot = new CategoryPlot();
        for (int i = 0; i < titles.length; i++) {
            ForecastTableRow row = rows.get(titles[i]);
            Integer nom = columns.nominal().apply(row);
            Integer pes = columns.pessimistic().apply(row);
            // No optimistic forecast beside a pessimistic one means the optimist rounds to 0 weeks.
            Integer opt = columns.optimistic().apply(row) == null && pes != null ? Integer.valueOf(0)
                    : columns.optimistic().apply(row);
            if (pes != null) {
                optimistic[0][i] = opt;
                pessimistic[0][i] = pes;
            }
            nominal.addValue(nom, "nominal", titles[i]);
            String missing = opt == null && nom == null && pes == null ? "no forecast"
                    : pes == null ? "no pessimistic forecast" : null;
            if (missing != null) {
                int after = opt == null && nom == null ? 0 : Math.max(opt == null ? 0 : opt, nom == null ? 0 : nom);
                CategoryTextAnnotation note = new CategoryTextAnnotation("  " + missing, titles[i], after);
                note.setFont(LABEL_FONT);
                note.setTextAnchor(TextAnchor.CENTER_LEFT);
                plot.addAnnotation(note);
            }
            descriptions.add(titles[i] + ": " + (missing != null && nom == null ? missing
                    : "nominal " + weeks(nom) + " (optimistic " + weeks(opt) + ", pessimistic " + weeks(pes) + ")"));
        }

        plot.setOrientation(PlotOrientation.HORIZONTAL);
        CategoryAxis categoryAxis = new CategoryAxis();
        categoryAxis.setTickLabelFont(TEXT_FONT);
        plot.setDomainAxis(categoryAxis);
        NumberAxis weeksAxis = wholeNumberAxis("weeks to completion after " + report.latestData());
        // Room on the right for the notes of missing forecasts.
        weeksAxis.setUpperMargin(0.25);
        plot.setRangeAxis(weeksAxis);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.setDataset(0, new DefaultIntervalCategoryDataset(new String[] {"optimistic to pessimistic"}, titles,
                optimistic, pessimistic));
        plot.setRenderer(0, new CategoryColouredBars(forecast.stream().map(c -> ChartPalette.colour(c.order()))
                .toList()));
        plot.setDataset(1, nominal);
        plot.setRenderer(1, nominalMarks());
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);

        String title = report.title() + ": weeks to completion by " + measure.unit() + " velocity";
        JFreeChart chart = chart(title, plot, false);
        chart.addSubtitle(
                new TextTitle("Bar: optimistic to pessimistic forecast; diamond: nominal forecast.", TEXT_FONT));
        String fileName = "forecast_" + measure.fileSuffix() + ".png";
        write(chart, dir.resolve(fileName));
        String altText = "Weeks to completion of each category after " + report.latestData() + " by "
                + measure.unit() + " velocity. "
                + (descriptions.isEmpty() ? "No forecasts." : String.join("; ", descriptions) + ".");
        return new Chart(fileName, title, altText, List.of("forecast.csv"), Chart.Group.FORECAST);
    }

    private static String weeks(Integer weeks) {
        return weeks == null ? "none" : weeks + (weeks == 1 ? " week" : " weeks");
    }

    private Chart velocity(ScopeReport report, List<Category> shown, ChartMeasure measure, Path dir)
            throws IOException {
        List<WeeklyForecast> weeks = report.velocity();
        TimeTableXYDataset resolvedPerWeek = stackedByCategory(weeks, shown, week -> weekEndingPeriod(week.date()),
                WeeklyForecast::category, week -> measure.forecast(week).deltaResolved());

        XYPlot plot = stackedBarsByCategory(resolvedPerWeek, shown,
                measure.unit() + " done in the week to the date (below 0: reopened)");

        String title = report.title() + ": " + measure.unit() + " done per week";
        String fileName = "velocity_" + measure.fileSuffix() + ".png";
        write(chart(title, plot, true), dir.resolve(fileName));
        return new Chart(fileName, title, velocityText(shown, measure, weeks), List.of("tranche_velocity.csv"),
                Chart.Group.VELOCITY);
    }

    private static String velocityText(List<Category> shown, ChartMeasure measure, List<WeeklyForecast> weeks) {
        LocalDate last = weeks.stream().map(WeeklyForecast::date).max(Comparator.naturalOrder()).orElse(null);
        if (last == null) {
            return "Work done per week in " + measure.unit() + ": no data yet.";
        }
        LocalDate first = weeks.stream().map(WeeklyForecast::date).min(Comparator.naturalOrder()).orElseThrow();
        Map<String, Long> lastWeek = weeks.stream().filter(week -> week.date().equals(last))
                .collect(Collectors.toMap(WeeklyForecast::category, week -> measure.forecast(week).deltaResolved(),
                        Long::sum));
        String done = shown.stream()
                .filter(category -> lastWeek.containsKey(category.title()))
                .map(category -> category.title() + " " + lastWeek.get(category.title()))
                .collect(Collectors.joining("; "));
        return "Stacked bars of " + measure.unit() + " done per week by category, weeks ending " + first + " to "
                + last + ". Week ending " + last + ": " + (done.isEmpty() ? "none" : done) + ".";
    }

    /**
     * One series per shown category in rule order, with a value (0 when the category has no row) on every period of
     * the rows: stacked renderers need the same periods in every series.
     */
    private static <T> TimeTableXYDataset stackedByCategory(List<T> rows, List<Category> shown,
                                                            Function<T, TimePeriod> period,
                                                            Function<T, String> category, ToLongFunction<T> value) {
        Map<String, Category> shownByTitle = shown.stream()
                .collect(Collectors.toMap(Category::title, c -> c, (a, b) -> a, LinkedHashMap::new));
        Map<TimePeriod, Map<String, Long>> table = new TreeMap<>(Comparator.comparing(TimePeriod::getStart));
        for (T row : rows) {
            if (shownByTitle.containsKey(category.apply(row))) {
                table.computeIfAbsent(period.apply(row), p -> new LinkedHashMap<>())
                        .merge(category.apply(row), value.applyAsLong(row), Long::sum);
            }
        }
        TimeTableXYDataset dataset = new TimeTableXYDataset(UTC);
        table.forEach((when, values) -> shownByTitle.keySet().forEach(title ->
                dataset.add(when, values.getOrDefault(title, 0L), title, false)));
        return dataset;
    }

    private static TimePeriod dayPeriod(LocalDate date) {
        return new SimpleTimePeriod(startOf(date), startOf(date.plusDays(1)));
    }

    /** The seven days that end with the date: a velocity row counts the work done in them. */
    private static TimePeriod weekEndingPeriod(LocalDate date) {
        return new SimpleTimePeriod(startOf(date.minusDays(6)), startOf(date.plusDays(1)));
    }

    private static Date startOf(LocalDate date) {
        return Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static DateAxis dateAxis() {
        DateAxis axis = new DateAxis("date");
        axis.setTimeZone(UTC);
        return axis;
    }

    /** Work comes in whole points and tasks, so ticks never fall between them. */
    private static NumberAxis wholeNumberAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setAutoRangeIncludesZero(true);
        return axis;
    }

    /** The open areas repeat the done areas' colours, so the legend names only the latter. */
    private static StackedXYAreaRenderer2 stackedAreas(List<Category> shown, boolean inLegend) {
        StackedXYAreaRenderer2 areas = new StackedXYAreaRenderer2();
        areas.setDefaultSeriesVisibleInLegend(inLegend);
        colourByCategory(areas, shown);
        return areas;
    }

    /** Bars over time, stacked by category in the categories' colours, with the zero line marked. */
    private static XYPlot stackedBarsByCategory(TimeTableXYDataset dataset, List<Category> shown, String axisLabel) {
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(dateAxis());
        plot.setRangeAxis(wholeNumberAxis(axisLabel));
        plot.setDataset(dataset);
        StackedXYBarRenderer bars = new StackedXYBarRenderer(0.1);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        colourByCategory(bars, shown);
        plot.setRenderer(bars);
        plot.addRangeMarker(new ValueMarker(0, Color.BLACK, new BasicStroke(1f)));
        return plot;
    }

    private static void colourByCategory(XYItemRenderer renderer, List<Category> shown) {
        for (int series = 0; series < shown.size(); series++) {
            renderer.setSeriesPaint(series, ChartPalette.colour(shown.get(series).order()));
        }
    }

    private static LineAndShapeRenderer nominalMarks() {
        LineAndShapeRenderer marks = new LineAndShapeRenderer(false, true);
        marks.setSeriesPaint(0, Color.BLACK);
        marks.setSeriesShape(0, diamond(7));
        return marks;
    }

    private static Shape diamond(double radius) {
        Path2D.Double shape = new Path2D.Double();
        shape.moveTo(0, -radius);
        shape.lineTo(radius, 0);
        shape.lineTo(0, radius);
        shape.lineTo(-radius, 0);
        shape.closePath();
        return shape;
    }

    /** A forecast bar takes its category's colour, where a bar renderer would colour by series. */
    private static final class CategoryColouredBars extends IntervalBarRenderer {

        private final List<Color> colours;

        CategoryColouredBars(List<Color> colours) {
            this.colours = colours;
            setBarPainter(new StandardBarPainter());
            setShadowVisible(false);
            setMaximumBarWidth(0.06);
        }

        @Override
        public Paint getItemPaint(int row, int column) {
            return colours.get(column);
        }
    }

    private static JFreeChart chart(String title, Plot plot, boolean legend) {
        plot.setBackgroundPaint(new Color(0xf7f7f7));
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
            xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
        } else if (plot instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legendTitle = chart.getLegend();
        if (legendTitle != null) {
            legendTitle.setItemFont(LABEL_FONT);
            legendTitle.setPosition(RectangleEdge.BOTTOM);
        }
        return chart;
    }

    /** A chart of {@link #SMALL_WIDTH}: a smaller title, the legend only where there are lines to tell apart. */
    private static JFreeChart smallChart(String title, Plot plot, boolean legend) {
        JFreeChart chart = chart(title, plot, legend);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        return chart;
    }

    private static void write(JFreeChart chart, Path file) throws IOException {
        write(chart, file, WIDTH, HEIGHT);
    }

    private static void write(JFreeChart chart, Path file, int width, int height) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    }
}
