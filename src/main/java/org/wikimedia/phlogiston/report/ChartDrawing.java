package org.wikimedia.phlogiston.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.time.SimpleTimePeriod;
import org.jfree.data.time.TimePeriod;
import org.jfree.data.time.TimeTableXYDataset;

import org.wikimedia.phlogiston.report.ScopeReport.Category;

/**
 * What every chart family draws with: the look of a chart (fonts, background, legend), date and whole-number axes,
 * days and weeks as periods, areas and bars stacked by category in the categories' {@link ChartPalette} colours,
 * and the writing of the PNG at the size its {@link Chart} gives. All dates are days in UTC, as the data are.
 */
final class ChartDrawing {

    static final TimeZone UTC = TimeZone.getTimeZone(ZoneOffset.UTC);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font TEXT_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ChartDrawing() {
    }

    static JFreeChart chart(String title, Plot plot, boolean legend) {
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

    /**
     * A chart of {@link ChartRenderer#SMALL_WIDTH}: a smaller title, the legend only where there are lines to tell
     * apart.
     */
    static JFreeChart smallChart(String title, Plot plot, boolean legend) {
        JFreeChart chart = chart(title, plot, legend);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        return chart;
    }

    /** Writes the drawing as the chart's PNG, of the chart's size, into {@code dir}; returns the chart. */
    static Chart write(JFreeChart drawing, Path dir, Chart chart) throws IOException {
        ChartUtils.saveChartAsPNG(dir.resolve(chart.fileName()).toFile(), drawing, chart.width(), chart.height());
        return chart;
    }

    /** Per-category files are named by rule order, as titles may hold any character. */
    static String categoryFilePrefix(Category category) {
        return "category" + category.order() + "_";
    }

    /**
     * One series per shown category in rule order, with a value (0 when the category has no row) on every period of
     * the rows: stacked renderers need the same periods in every series.
     */
    static <T> TimeTableXYDataset stackedByCategory(List<T> rows, List<Category> shown,
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

    static TimePeriod dayPeriod(LocalDate date) {
        return new SimpleTimePeriod(startOf(date), startOf(date.plusDays(1)));
    }

    /** The seven days that end with the date: a velocity row counts the work done in them. */
    static TimePeriod weekEndingPeriod(LocalDate date) {
        return new SimpleTimePeriod(startOf(date.minusDays(6)), startOf(date.plusDays(1)));
    }

    static Date startOf(LocalDate date) {
        return Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    static DateAxis dateAxis() {
        DateAxis axis = new DateAxis("date");
        axis.setTimeZone(UTC);
        return axis;
    }

    /** Work comes in whole points and tasks, so ticks never fall between them. */
    static NumberAxis wholeNumberAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setAutoRangeIncludesZero(true);
        return axis;
    }

    /** The line at 0 that parts done from open work, or work done from work reopened. */
    static void markZero(XYPlot plot, float width) {
        plot.addRangeMarker(new ValueMarker(0, Color.BLACK, new BasicStroke(width)));
    }

    /** The open areas repeat the done areas' colours, so the legend names only the latter. */
    static StackedXYAreaRenderer2 stackedAreas(List<Category> shown, boolean inLegend) {
        StackedXYAreaRenderer2 areas = new StackedXYAreaRenderer2();
        areas.setDefaultSeriesVisibleInLegend(inLegend);
        colourByCategory(areas, shown);
        return areas;
    }

    /** Flat bars over time, stacked, without shadows; their colours are the caller's. */
    static StackedXYBarRenderer stackedBars() {
        StackedXYBarRenderer bars = new StackedXYBarRenderer(0.1);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        return bars;
    }

    /** Bars over time, stacked by category in the categories' colours, with the zero line marked. */
    static XYPlot stackedBarsByCategory(TimeTableXYDataset dataset, List<Category> shown, String axisLabel) {
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(dateAxis());
        plot.setRangeAxis(wholeNumberAxis(axisLabel));
        plot.setDataset(dataset);
        StackedXYBarRenderer bars = stackedBars();
        colourByCategory(bars, shown);
        plot.setRenderer(bars);
        markZero(plot, 1f);
        return plot;
    }

    static void colourByCategory(XYItemRenderer renderer, List<Category> shown) {
        for (int series = 0; series < shown.size(); series++) {
            renderer.setSeriesPaint(series, ChartPalette.colour(shown.get(series).order()));
        }
    }
}
