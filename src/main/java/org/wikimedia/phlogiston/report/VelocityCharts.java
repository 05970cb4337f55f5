package org.wikimedia.phlogiston.report;

import static org.wikimedia.phlogiston.report.ChartDrawing.LABEL_FONT;
import static org.wikimedia.phlogiston.report.ChartDrawing.TEXT_FONT;
import static org.wikimedia.phlogiston.report.ChartDrawing.UTC;
import static org.wikimedia.phlogiston.report.ChartDrawing.categoryFilePrefix;
import static org.wikimedia.phlogiston.report.ChartDrawing.chart;
import static org.wikimedia.phlogiston.report.ChartDrawing.colourByCategory;
import static org.wikimedia.phlogiston.report.ChartDrawing.dateAxis;
import static org.wikimedia.phlogiston.report.ChartDrawing.markZero;
import static org.wikimedia.phlogiston.report.ChartDrawing.smallChart;
import static org.wikimedia.phlogiston.report.ChartDrawing.stackedBars;
import static org.wikimedia.phlogiston.report.ChartDrawing.stackedBarsByCategory;
import static org.wikimedia.phlogiston.report.ChartDrawing.stackedByCategory;
import static org.wikimedia.phlogiston.report.ChartDrawing.startOf;
import static org.wikimedia.phlogiston.report.ChartDrawing.weekEndingPeriod;
import static org.wikimedia.phlogiston.report.ChartDrawing.wholeNumberAxis;
import static org.wikimedia.phlogiston.report.ChartDrawing.write;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.CategoryTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.category.DefaultIntervalCategoryDataset;
import org.jfree.data.time.TimeTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import org.wikimedia.phlogiston.report.ScopeReport.Category;
import org.wikimedia.phlogiston.report.forecast.ForecastTableRow;
import org.wikimedia.phlogiston.report.forecast.WeeklyForecast;

/**
 * The charts of velocity and the 3-point forecasts: the scope's weeks to completion per category and its work done
 * per week; per category, its work done per week beside its three velocities, and how its nominal forecast moved.
 */
final class VelocityCharts {

    /** The forecast velocities' lines: colours none of {@link ChartPalette}'s, told apart by their dashes too. */
    private static final Color OPTIMISTIC = new Color(0x006d2c);
    private static final Color NOMINAL = Color.BLACK;
    private static final Color PESSIMISTIC = new Color(0xb2182b);

    private VelocityCharts() {
    }

    static Chart forecast(ScopeReport report, List<Category> shown, ChartMeasure measure, Path dir)
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
        String altText = "Weeks to completion of each category after " + report.latestData() + " by "
                + measure.unit() + " velocity. "
                + (descriptions.isEmpty() ? "No forecasts." : String.join("; ", descriptions) + ".");
        return write(chart, dir, new Chart(fileName, title, altText, List.of("forecast.csv"), Chart.Group.FORECAST));
    }

    private static String weeks(Integer weeks) {
        return weeks == null ? "none" : weeks + (weeks == 1 ? " week" : " weeks");
    }

    static Chart velocity(ScopeReport report, List<Category> shown, ChartMeasure measure, Path dir)
            throws IOException {
        List<WeeklyForecast> weeks = report.velocity();
        TimeTableXYDataset resolvedPerWeek = stackedByCategory(weeks, shown, week -> weekEndingPeriod(week.date()),
                WeeklyForecast::category, week -> measure.forecast(week).deltaResolved());

        XYPlot plot = stackedBarsByCategory(resolvedPerWeek, shown,
                measure.unit() + " done in the week to the date (below 0: reopened)");

        String title = report.title() + ": " + measure.unit() + " done per week";
        String fileName = "velocity_" + measure.fileSuffix() + ".png";
        return write(chart(title, plot, true), dir, new Chart(fileName, title, velocityText(shown, measure, weeks),
                List.of("tranche_velocity.csv"), Chart.Group.VELOCITY));
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
     * One category's work done per week (bars in its colour) and its optimistic, nominal and pessimistic velocity
     * forecasts on each week (lines).
     */
    static Chart categoryVelocity(ScopeReport report, Category category, ChartMeasure measure, Path dir)
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
        StackedXYBarRenderer bars = stackedBars();
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
        markZero(plot, 1f);

        String title = category.title() + ": " + measure.unit() + " done per week and velocity";
        String fileName = categoryFilePrefix(category) + "velocity_" + measure.fileSuffix() + ".png";
        return write(smallChart(title, plot, true), dir, new Chart(fileName, title,
                categoryVelocityText(category, measure, weeks),
                List.of("tranche_velocity.csv", "tranche_velocity_" + measure.fileSuffix() + ".csv"),
                Chart.Group.CATEGORY, ChartRenderer.SMALL_WIDTH, ChartRenderer.SMALL_HEIGHT));
    }

    /** The category's weeks of the velocity table, oldest first. */
    private static List<WeeklyForecast> weeksOf(ScopeReport report, Category category) {
        return report.velocity().stream()
                .filter(week -> week.category().equals(category.title()))
                .sorted(Comparator.comparing(WeeklyForecast::date))
                .toList();
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

    private static String decimal(double value) {
        return value == Math.rint(value) ? Long.toString((long) value)
                : BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * How one category's nominal forecast moved: on each week (x), the date the category would be done (y) at the
     * nominal velocity and growth of that week; weeks without a forecast leave a gap.
     */
    static Chart categoryForecastHistory(ScopeReport report, Category category, ChartMeasure measure, Path dir)
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
        return write(smallChart(title, plot, false), dir, new Chart(fileName, title,
                categoryForecastHistoryText(category, measure, weeks), List.of("forecast.csv"), Chart.Group.CATEGORY,
                ChartRenderer.SMALL_WIDTH, ChartRenderer.SMALL_HEIGHT));
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
}
