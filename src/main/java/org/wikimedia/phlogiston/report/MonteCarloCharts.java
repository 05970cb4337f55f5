package org.wikimedia.phlogiston.report;

import static org.wikimedia.phlogiston.report.ChartDrawing.LABEL_FONT;
import static org.wikimedia.phlogiston.report.ChartDrawing.TEXT_FONT;
import static org.wikimedia.phlogiston.report.ChartDrawing.UTC;
import static org.wikimedia.phlogiston.report.ChartDrawing.chart;
import static org.wikimedia.phlogiston.report.ChartDrawing.dateAxis;
import static org.wikimedia.phlogiston.report.ChartDrawing.smallChart;
import static org.wikimedia.phlogiston.report.ChartDrawing.stackedBars;
import static org.wikimedia.phlogiston.report.ChartDrawing.startOf;
import static org.wikimedia.phlogiston.report.ChartDrawing.weekEndingPeriod;
import static org.wikimedia.phlogiston.report.ChartDrawing.wholeNumberAxis;
import static org.wikimedia.phlogiston.report.ChartDrawing.write;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.time.TimeTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import org.wikimedia.phlogiston.report.ScopeReport.Category;
import org.wikimedia.phlogiston.report.ScopeReport.MonteCarloHistoryRow;
import org.wikimedia.phlogiston.report.forecast.Measure;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecast;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecaster;

/**
 * The charts of the Monte Carlo forecasts: per measure, the histogram of the weeks in which the trials of the whole
 * scope finished, with the 50, 85 and 95% dates marked, and how each category's 85% date moved from report to report;
 * then the histogram of each shown category, two to a row.
 */
final class MonteCarloCharts {

    /** The whole scope is no category, so none of {@link ChartPalette}'s colours. */
    private static final Color WHOLE_SCOPE = new Color(0x555555);
    private static final String WHOLE_SCOPE_NAME = "All categories";

    private MonteCarloCharts() {
    }

    /** The charts in page order; none for a scope without forecasts. */
    static List<Chart> render(ScopeReport report, List<Category> shown, List<ChartMeasure> measures, Path dir)
            throws IOException {
        List<Chart> charts = new ArrayList<>();
        for (ChartMeasure measure : measures) {
            Optional<MonteCarloForecast> whole = forecastOf(report, MonteCarloForecaster.WHOLE_SCOPE, measure);
            if (whole.isPresent()) {
                charts.add(histogram(report, whole.get(), null, measure, dir));
            }
        }
        for (ChartMeasure measure : measures) {
            if (!history(report, measure).isEmpty()) {
                charts.add(history(report, shown, measure, dir));
            }
        }
        for (Category category : shown) {
            for (ChartMeasure measure : measures) {
                Optional<MonteCarloForecast> forecast = forecastOf(report, category.title(), measure);
                if (forecast.isPresent()) {
                    charts.add(histogram(report, forecast.get(), category, measure, dir));
                }
            }
        }
        return charts;
    }

    /** The forecast of a category (or the whole scope) in the measure; none for a category that is not current. */
    static Optional<MonteCarloForecast> forecastOf(ScopeReport report, String category, ChartMeasure measure) {
        return report.monteCarlo().stream()
                .filter(forecast -> forecast.category().equals(category) && forecast.measure() == measureOf(measure))
                .findFirst();
    }

    private static Measure measureOf(ChartMeasure measure) {
        return Measure.valueOf(measure.name());
    }

    /**
     * Bars of the trials that finished in each week, from the window's start to the last week any finished, with a
     * dashed line at each percentile's date; {@code category} null for the whole scope, drawn full size.
     */
    private static Chart histogram(ScopeReport report, MonteCarloForecast forecast, Category category,
                                   ChartMeasure measure, Path dir) throws IOException {
        String name = category == null ? WHOLE_SCOPE_NAME : category.title();
        TimeTableXYDataset dataset = new TimeTableXYDataset(UTC);
        int lastWeek = lastWeekFinished(forecast);
        for (int week = 0; week <= lastWeek; week++) {
            dataset.add(weekEndingPeriod(weekEnding(forecast, week)), forecast.simulation().finishedInWeek(week), name,
                    false);
        }
        XYPlot plot = new XYPlot();
        DateAxis weeks = dateAxis();
        weeks.setUpperMargin(0.04);
        plot.setDomainAxis(weeks);
        plot.setRangeAxis(wholeNumberAxis("trials that finished in the week"));
        plot.setDataset(dataset);
        StackedXYBarRenderer bars = stackedBars();
        bars.setSeriesPaint(0, category == null ? WHOLE_SCOPE : ChartPalette.colour(category.order()));
        plot.setRenderer(bars);
        // Percentiles of one date share a line and its label ("50/85%"), so that no label hides another.
        Map<LocalDate, List<String>> percentsByDate = new LinkedHashMap<>();
        for (int percent : MonteCarloForecast.PERCENTS) {
            LocalDate date = forecast.finishedBy(percent);
            if (date != null) {
                percentsByDate.computeIfAbsent(date, d -> new ArrayList<>()).add(Integer.toString(percent));
            }
        }
        percentsByDate.forEach((date, percents) -> {
            // at the end of the date, the right edge of the bar of the week ending on it
            ValueMarker marker = new ValueMarker(startOf(date.plusDays(1)).getTime(), Color.BLACK, new BasicStroke(1f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
            marker.setLabel(String.join("/", percents) + "%");
            marker.setLabelFont(LABEL_FONT);
            marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            plot.addDomainMarker(marker);
        });
        String title = (category == null ? report.title() : category.title()) + ": Monte Carlo finish weeks by "
                + measure.unit();
        String summary = MonteCarloSentences.sentence(forecast);
        // Not named by categoryFilePrefix: those are the charts of the section "Per category".
        String fileName = "montecarlo_weeks_" + (category == null ? "" : "category" + category.order() + "_")
                + measure.fileSuffix() + ".png";
        List<String> dataFiles = List.of(DataFiles.MONTE_CARLO_WEEKS, "forecast_montecarlo.csv");
        if (category == null) {
            JFreeChart drawing = chart(title, plot, false);
            drawing.addSubtitle(new TextTitle(summary + ".", TEXT_FONT));
            return write(drawing, dir, new Chart(fileName, title, histogramText(forecast, name, measure, summary),
                    dataFiles, Chart.Group.MONTE_CARLO));
        }
        return write(smallChart(title, plot, false), dir, new Chart(fileName, title,
                histogramText(forecast, name, measure, summary), dataFiles, Chart.Group.MONTE_CARLO,
                ChartRenderer.SMALL_WIDTH, ChartRenderer.SMALL_HEIGHT));
    }

    /** The last week in which a trial finished; 0 when none did (an empty chart of one week). */
    private static int lastWeekFinished(MonteCarloForecast forecast) {
        for (int week = forecast.horizonWeeks(); week > 0; week--) {
            if (forecast.simulation().finishedInWeek(week) > 0) {
                return week;
            }
        }
        return 0;
    }

    /** Week 0 is the window's last week (nothing was open), week k the k-th week after it. */
    static LocalDate weekEnding(MonteCarloForecast forecast, int week) {
        return forecast.window().start().plusWeeks(week);
    }

    private static String histogramText(MonteCarloForecast forecast, String name, ChartMeasure measure,
                                        String summary) {
        int finished = forecast.simulation().finished();
        String start = "Bars of the " + forecast.simulation().trials() + " simulated futures of " + name + " by "
                + measure.unit() + ", by the week in which they finished the open work (" + forecast.window().open()
                + (measure == ChartMeasure.POINTS ? " points" : " tasks") + "), from " + forecast.window().start() + ": ";
        if (finished == 0) {
            return start + "none finished within " + forecast.horizonWeeks() + " weeks.";
        }
        int busiest = 0;
        for (int week = 1; week <= forecast.horizonWeeks(); week++) {
            if (forecast.simulation().finishedInWeek(week) > forecast.simulation().finishedInWeek(busiest)) {
                busiest = week;
            }
        }
        return start + finished + " finished within " + forecast.horizonWeeks() + " weeks, most ("
                + forecast.simulation().finishedInWeek(busiest) + ") in the week ending "
                + weekEnding(forecast, busiest) + ", the last in the week ending "
                + weekEnding(forecast, lastWeekFinished(forecast)) + ". " + summary + ".";
    }

    private static List<MonteCarloHistoryRow> history(ScopeReport report, ChartMeasure measure) {
        return report.monteCarloHistory().stream()
                .filter(row -> row.measure() == measureOf(measure))
                .toList();
    }

    /**
     * One line per shown category (and the whole scope) of the date by which 85% of its trials finished, by report
     * date; a gap where fewer than 85% finished within the horizon.
     */
    private static Chart history(ScopeReport report, List<Category> shown, ChartMeasure measure, Path dir)
            throws IOException {
        Map<String, List<MonteCarloHistoryRow>> byCategory = new LinkedHashMap<>();
        Map<String, Color> colours = new LinkedHashMap<>();
        byCategory.put(MonteCarloForecaster.WHOLE_SCOPE, new ArrayList<>());
        colours.put(MonteCarloForecaster.WHOLE_SCOPE, WHOLE_SCOPE);
        for (Category category : shown) {
            byCategory.put(category.title(), new ArrayList<>());
            colours.put(category.title(), ChartPalette.colour(category.order()));
        }
        for (MonteCarloHistoryRow row : history(report, measure)) {
            if (byCategory.containsKey(row.category())) {
                byCategory.get(row.category()).add(row);
            }
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, true);
        List<String> words = new ArrayList<>();
        int series = 0;
        for (Map.Entry<String, List<MonteCarloHistoryRow>> entry : byCategory.entrySet()) {
            String name = displayName(entry.getKey());
            XYSeries line = new XYSeries(name, true, false);
            for (MonteCarloHistoryRow row : entry.getValue()) {
                line.add(startOf(row.date()).getTime(),
                        row.p85Date() == null ? null : startOf(row.p85Date()).getTime());
            }
            if (!entry.getValue().isEmpty()) {
                dataset.addSeries(line);
                lines.setSeriesPaint(series++, colours.get(entry.getKey()));
                words.add(historyWords(name, entry.getValue()));
            }
        }
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(dateAxis());
        DateAxis p85Axis = new DateAxis("85% of the trials finished by");
        p85Axis.setTimeZone(UTC);
        plot.setRangeAxis(p85Axis);
        plot.setDataset(dataset);
        plot.setRenderer(lines);
        String title = report.title() + ": Monte Carlo 85% date by report date, by " + measure.unit();
        List<LocalDate> dates = history(report, measure).stream().map(MonteCarloHistoryRow::date).distinct().sorted()
                .toList();
        String altText = "Lines of the date by which 85% of the simulated futures finished, by " + measure.unit()
                + ", as the reports of " + dates.get(0) + " to " + dates.get(dates.size() - 1) + " forecast it. "
                + String.join("; ", words) + ".";
        return write(chart(title, plot, true), dir, new Chart("montecarlo_history_" + measure.fileSuffix() + ".png",
                title, altText, List.of("forecast_montecarlo_history.csv"), Chart.Group.MONTE_CARLO));
    }

    private static String displayName(String category) {
        return category.equals(MonteCarloForecaster.WHOLE_SCOPE) ? WHOLE_SCOPE_NAME : category;
    }

    /**
     * The first and the latest report's 85% date: "Interrupt: 2019-05-03 on 2019-03-08, 2019-06-14 on 2019-03-15"
     * (one of them when the category has one report); the lines in between are in the data file.
     */
    private static String historyWords(String name, List<MonteCarloHistoryRow> rows) {
        return name + ": " + Stream.of(rows.get(0), rows.get(rows.size() - 1)).distinct()
                .map(row -> (row.p85Date() == null ? "not within the horizon" : row.p85Date().toString()) + " on "
                        + row.date())
                .collect(Collectors.joining(", "));
    }
}
