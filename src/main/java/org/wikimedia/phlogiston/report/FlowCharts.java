package org.wikimedia.phlogiston.report;

import static org.wikimedia.phlogiston.report.ChartDrawing.LABEL_FONT;
import static org.wikimedia.phlogiston.report.ChartDrawing.TEXT_FONT;
import static org.wikimedia.phlogiston.report.ChartDrawing.UTC;
import static org.wikimedia.phlogiston.report.ChartDrawing.chart;
import static org.wikimedia.phlogiston.report.ChartDrawing.dateAxis;
import static org.wikimedia.phlogiston.report.ChartDrawing.dayPeriod;
import static org.wikimedia.phlogiston.report.ChartDrawing.stackedBars;
import static org.wikimedia.phlogiston.report.ChartDrawing.startOf;
import static org.wikimedia.phlogiston.report.ChartDrawing.weekEndingPeriod;
import static org.wikimedia.phlogiston.report.ChartDrawing.wholeNumberAxis;
import static org.wikimedia.phlogiston.report.ChartDrawing.write;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.TimeTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import org.wikimedia.phlogiston.report.flow.FlowCalculator;
import org.wikimedia.phlogiston.report.flow.FlowMetrics;
import org.wikimedia.phlogiston.report.flow.FlowMetrics.ColumnTime;
import org.wikimedia.phlogiston.report.flow.FlowMetrics.CycleTime;
import org.wikimedia.phlogiston.report.flow.FlowMetrics.StageDay;
import org.wikimedia.phlogiston.report.flow.FlowMetrics.WeekThroughput;
import org.wikimedia.phlogiston.report.flow.FlowMetrics.WorkItemAge;

/**
 * The charts of the flow metrics ({@link FlowMetrics}): the cumulative flow, cycle times over time and as a
 * histogram, weekly throughput, the age of unfinished work against the cycle times, and the days spent per
 * workboard column. Stages are not categories: they take {@link ChartPalette}'s colours by their place in the
 * workflow.
 */
final class FlowCharts {

    /** The cycle-time percentiles every chart of time marks, as the data file's readers would compute them. */
    private static final List<Integer> PERCENTILES = List.of(50, 85, 95);
    private static final List<Color> PERCENTILE_COLOURS = List.of(new Color(0x2b8cbe), new Color(0xe6550d),
            new Color(0xa50f15));
    private static final List<RectangleAnchor> ACROSS_LABEL_ANCHORS = List.of(RectangleAnchor.TOP_LEFT,
            RectangleAnchor.TOP, RectangleAnchor.TOP_RIGHT);
    private static final List<TextAnchor> ACROSS_TEXT_ANCHORS = List.of(TextAnchor.BOTTOM_LEFT,
            TextAnchor.BOTTOM_CENTER, TextAnchor.BOTTOM_RIGHT);
    private static final List<RectangleAnchor> UPRIGHT_LABEL_ANCHORS = List.of(RectangleAnchor.TOP_RIGHT,
            RectangleAnchor.RIGHT, RectangleAnchor.BOTTOM_RIGHT);
    private static final List<TextAnchor> UPRIGHT_TEXT_ANCHORS = List.of(TextAnchor.TOP_LEFT,
            TextAnchor.CENTER_LEFT, TextAnchor.BOTTOM_LEFT);
    private static final Color TASK_DOT = new Color(0x3182bd);
    private static final Color MEDIAN = new Color(0x74a9cf);
    private static final Color P85 = new Color(0x045a8d);
    /** The histogram groups cycle times into at most this many bars, of whole days each. */
    private static final int HISTOGRAM_BARS = 40;

    private FlowCharts() {
    }

    /** The flow charts in page order: cumulative flow, cycle time, its histogram, throughput per unit, age, columns. */
    static List<Chart> all(ScopeReport report, List<ChartMeasure> measures, Path dir) throws IOException {
        FlowMetrics flow = report.flow();
        List<Long> cycleDays = flow.cycleTimes().stream().map(CycleTime::days).sorted().toList();
        List<Chart> charts = new ArrayList<>();
        charts.add(cumulativeFlow(report, dir));
        charts.add(cycleTime(report, cycleDays, dir));
        charts.add(cycleTimeHistogram(report, cycleDays, dir));
        for (ChartMeasure measure : measures) {
            charts.add(throughput(report, measure, dir));
        }
        charts.add(workItemAge(report, cycleDays, dir));
        charts.add(columnTime(report, dir));
        return charts;
    }

    /**
     * Tasks per stage per day, stacked in workflow order with the done stage at the bottom: the top edge is every task
     * that arrived, and each band's lower edge the tasks that have passed the stage.
     */
    private static Chart cumulativeFlow(ScopeReport report, Path dir) throws IOException {
        List<String> stages = stages(report.flow());
        TimeTableXYDataset dataset = new TimeTableXYDataset(UTC);
        for (int stage = stages.size() - 1; stage >= 0; stage--) {
            String name = stages.get(stage);
            report.flow().cfd().stream().filter(day -> day.stage().equals(name))
                    .forEach(day -> dataset.add(dayPeriod(day.date()), day.tasks(), name, false));
        }
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(dateAxis());
        plot.setRangeAxis(wholeNumberAxis("tasks"));
        plot.setDataset(dataset);
        StackedXYAreaRenderer2 areas = new StackedXYAreaRenderer2();
        for (int series = 0; series < stages.size(); series++) {
            areas.setSeriesPaint(series, ChartPalette.colour(stages.size() - 1 - series));
        }
        plot.setRenderer(areas);

        String title = report.title() + ": cumulative flow of tasks by stage";
        String altText;
        List<StageDay> cfd = report.flow().cfd();
        if (cfd.isEmpty()) {
            altText = "Cumulative flow of tasks by stage: no history yet.";
        } else {
            StageDay last = cfd.get(cfd.size() - 1);
            String latest = cfd.stream().filter(day -> day.date().equals(last.date()))
                    .map(day -> day.stage() + " " + day.tasks()).collect(Collectors.joining("; "));
            altText = "Stacked areas of the tasks in each stage per day, " + cfd.get(0).date() + " to " + last.date()
                    + ", the first stage on top and the last at the bottom. On " + last.date() + ": " + latest + ".";
        }
        return write(chart(title, plot, true), dir,
                new Chart("flow_cfd.png", title, altText, List.of("cfd.csv"), Chart.Group.FLOW));
    }

    /** The stage names in workflow order, as every day of the cumulative flow lists them. */
    private static List<String> stages(FlowMetrics flow) {
        return flow.cfd().stream().map(StageDay::stage).distinct().toList();
    }

    /** Each finished task as a dot at its done date and cycle time, with the percentiles as lines across. */
    private static Chart cycleTime(ScopeReport report, List<Long> cycleDays, Path dir) throws IOException {
        XYSeries tasks = new XYSeries("finished task", false, true);
        for (CycleTime cycle : report.flow().cycleTimes()) {
            tasks.add(startOf(cycle.done()).getTime(), cycle.days());
        }
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(dateAxis());
        plot.setRangeAxis(wholeNumberAxis("cycle time (days)"));
        plot.setDataset(new XYSeriesCollection(tasks));
        plot.setRenderer(dots());
        markPercentiles(plot, cycleDays, true);

        String title = report.title() + ": cycle time of finished tasks";
        List<CycleTime> cycles = report.flow().cycleTimes();
        String altText;
        if (cycles.isEmpty()) {
            altText = "Cycle time of finished tasks: none finished yet.";
        } else {
            CycleTime longest = cycles.stream().max(Comparator.comparingLong(CycleTime::days)).orElseThrow();
            altText = "Dots of the cycle time in days of the " + cycles.size() + " tasks finished " + cycles.get(0)
                    .done() + " to " + cycles.get(cycles.size() - 1).done() + ", by done date. "
                    + percentilesText(cycleDays) + " Longest: T" + longest.taskId() + ", " + days(longest.days())
                    + ".";
        }
        return write(chart(title, plot, false), dir, new Chart("flow_cycle_time.png", title, altText,
                List.of("cycle_time.csv"), Chart.Group.FLOW));
    }

    /** Finished tasks per cycle time, in bars of whole days, with the percentiles as lines up. */
    private static Chart cycleTimeHistogram(ScopeReport report, List<Long> cycleDays, Path dir) throws IOException {
        long longest = cycleDays.isEmpty() ? 1 : cycleDays.get(cycleDays.size() - 1);
        long width = (longest + HISTOGRAM_BARS - 1) / HISTOGRAM_BARS;
        Map<Long, Long> perBar = cycleDays.stream()
                .collect(Collectors.groupingBy(days -> (days - 1) / width, LinkedHashMap::new, Collectors.counting()));
        XYSeries bars = new XYSeries("finished tasks");
        perBar.forEach((bar, tasks) -> bars.add(bar * width + 1 + (width - 1) / 2.0, tasks));
        XYSeriesCollection dataset = new XYSeriesCollection(bars);
        dataset.setIntervalWidth(width);
        XYPlot plot = new XYPlot();
        NumberAxis daysAxis = wholeNumberAxis("cycle time (days)");
        // Room on the right for the label of a percentile on the longest bar.
        daysAxis.setUpperMargin(0.1);
        plot.setDomainAxis(daysAxis);
        plot.setRangeAxis(wholeNumberAxis("finished tasks"));
        plot.setDataset(dataset);
        XYBarRenderer renderer = new XYBarRenderer(0.1);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, TASK_DOT);
        plot.setRenderer(renderer);
        markPercentiles(plot, cycleDays, false);

        String title = report.title() + ": cycle time histogram";
        String altText = cycleDays.isEmpty() ? "Cycle time histogram: no task finished yet."
                : "Bars of the finished tasks per cycle time, " + days(width) + " a bar. "
                + perBar.entrySet().stream().map(bar -> dayRange(bar.getKey() * width + 1, width) + ": "
                        + bar.getValue() + (bar.getValue() == 1 ? " task" : " tasks"))
                .collect(Collectors.joining("; "))
                + ". " + percentilesText(cycleDays);
        return write(chart(title, plot, false), dir, new Chart("flow_cycle_time_histogram.png", title, altText,
                List.of("cycle_time.csv"), Chart.Group.FLOW));
    }

    private static String dayRange(long from, long width) {
        return width == 1 ? days(from) : from + "–" + (from + width - 1) + " days";
    }

    /** Tasks, or their points, first done per week. */
    private static Chart throughput(ScopeReport report, ChartMeasure measure, Path dir) throws IOException {
        ToLongFunction<WeekThroughput> value = measure == ChartMeasure.POINTS ? WeekThroughput::points
                : WeekThroughput::tasks;
        List<WeekThroughput> weeks = report.flow().throughput();
        TimeTableXYDataset dataset = new TimeTableXYDataset(UTC);
        weeks.forEach(week -> dataset.add(weekEndingPeriod(week.week()), value.applyAsLong(week), measure.unit(),
                false));
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(dateAxis());
        plot.setRangeAxis(wholeNumberAxis(measure.unit() + " first done in the week to the date"));
        plot.setDataset(dataset);
        StackedXYBarRenderer bars = stackedBars();
        bars.setSeriesPaint(0, TASK_DOT);
        plot.setRenderer(bars);

        String title = report.title() + ": throughput per week by " + measure.unit();
        String altText;
        if (weeks.isEmpty()) {
            altText = "Throughput per week in " + measure.unit() + ": no history yet.";
        } else {
            WeekThroughput last = weeks.get(weeks.size() - 1);
            List<Long> sorted = weeks.stream().map(value::applyAsLong).sorted().toList();
            altText = "Bars of the work first done per week in " + measure.unit() + ", weeks ending "
                    + weeks.get(0).week() + " to " + last.week() + ". Week ending " + last.week() + ": "
                    + value.applyAsLong(last) + ". Median week: " + FlowCalculator.percentile(sorted, 50)
                    + "; best week: " + sorted.get(sorted.size() - 1) + ".";
        }
        return write(chart(title, plot, false), dir, new Chart("flow_throughput_" + measure.fileSuffix() + ".png",
                title, altText, List.of("throughput.csv"), Chart.Group.FLOW));
    }

    /**
     * Each unfinished committed task as a dot at its stage (x, in workflow order, spread across the stage's width) and
     * age, with the cycle-time percentiles as lines across: a dot above the 85% line is work at risk.
     */
    private static Chart workItemAge(ScopeReport report, List<Long> cycleDays, Path dir) throws IOException {
        List<WorkItemAge> ages = report.flow().ages();
        List<String> stages = stages(report.flow()).stream()
                .filter(stage -> ages.stream().anyMatch(age -> age.stage().equals(stage))).toList();
        XYSeries tasks = new XYSeries("unfinished task", false, true);
        for (int stage = 0; stage < stages.size(); stage++) {
            String name = stages.get(stage);
            List<WorkItemAge> inStage = ages.stream().filter(age -> age.stage().equals(name)).toList();
            for (int i = 0; i < inStage.size(); i++) {
                tasks.add(stage - 0.3 + 0.6 * (i + 0.5) / inStage.size(), inStage.get(i).ageDays());
            }
        }
        XYPlot plot = new XYPlot();
        SymbolAxis stageAxis = new SymbolAxis("stage on " + report.latestData(), stages.toArray(String[]::new));
        stageAxis.setTickLabelFont(TEXT_FONT);
        plot.setDomainAxis(stageAxis);
        plot.setRangeAxis(wholeNumberAxis("age (days since committed)"));
        plot.setDataset(new XYSeriesCollection(tasks));
        plot.setRenderer(dots());
        markPercentiles(plot, cycleDays, true);

        String title = report.title() + ": age of unfinished work against cycle time";
        String altText;
        if (ages.isEmpty()) {
            altText = "Age of unfinished work: no committed task is unfinished on " + report.latestData() + ".";
        } else {
            String perStage = stages.stream().map(stage -> {
                List<WorkItemAge> inStage = ages.stream().filter(age -> age.stage().equals(stage)).toList();
                WorkItemAge oldest = inStage.stream().max(Comparator.comparingLong(WorkItemAge::ageDays)).orElseThrow();
                return stage + ": " + inStage.size() + (inStage.size() == 1 ? " task" : " tasks") + ", oldest T"
                        + oldest.taskId() + " " + days(oldest.ageDays());
            }).collect(Collectors.joining("; "));
            String risk = cycleDays.isEmpty() ? "No cycle times to compare with."
                    : ages.stream().filter(age -> age.ageDays() > FlowCalculator.percentile(cycleDays, 85)).count()
                    + " older than the 85th percentile of cycle time (" + days(FlowCalculator.percentile(cycleDays, 85))
                    + ").";
            altText = "Dots of the age in days of the " + ages.size() + " committed, unfinished tasks on "
                    + report.latestData() + " by stage. " + perStage + ". " + risk;
        }
        return write(chart(title, plot, false), dir, new Chart("flow_work_item_age.png", title, altText,
                List.of("work_item_age.csv", "cycle_time.csv"), Chart.Group.FLOW));
    }

    /** Per workboard column, the median and 85th percentile of the days tasks spent there (bars side by side). */
    private static Chart columnTime(ScopeReport report, Path dir) throws IOException {
        List<ColumnTime> columns = report.flow().columnTimes();
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (ColumnTime column : columns) {
            dataset.addValue(column.medianDays(), "median", columnName(column));
            dataset.addValue(column.p85Days(), "85th percentile", columnName(column));
        }
        CategoryPlot plot = new CategoryPlot();
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        CategoryAxis columnAxis = new CategoryAxis();
        columnAxis.setTickLabelFont(LABEL_FONT);
        plot.setDomainAxis(columnAxis);
        plot.setRangeAxis(wholeNumberAxis("days in the column"));
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.setDataset(dataset);
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setMaximumBarWidth(0.08);
        bars.setSeriesPaint(0, MEDIAN);
        bars.setSeriesPaint(1, P85);
        plot.setRenderer(bars);

        String title = report.title() + ": days per workboard column";
        String altText = columns.isEmpty() ? "Days per workboard column: no task was in a column before done."
                : "Bars of the median and 85th percentile of the days tasks spent in each workboard column before "
                + "done. " + columns.stream().map(column -> columnName(column) + ": " + column.tasks()
                        + (column.tasks() == 1 ? " task" : " tasks") + ", median " + days(column.medianDays())
                        + ", 85th percentile " + days(column.p85Days()))
                .collect(Collectors.joining("; ")) + ".";
        JFreeChart chart = chart(title, plot, true);
        chart.addSubtitle(new TextTitle("Half the tasks spent at most the median in the column, 85% at most the"
                + " 85th percentile.", TEXT_FONT));
        return write(chart, dir, new Chart("flow_column_time.png", title, altText, List.of("column_time.csv"),
                Chart.Group.FLOW));
    }

    private static String columnName(ColumnTime column) {
        return column.project() == null ? column.column() : column.project() + ": " + column.column();
    }

    private static XYLineAndShapeRenderer dots() {
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        dots.setSeriesPaint(0, TASK_DOT);
        dots.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        return dots;
    }

    /**
     * The 50th, 85th and 95th percentile of the sorted cycle times as labelled lines across (or up) the plot;
     * percentiles on the same day share one line, in the lowest one's colour.
     */
    private static void markPercentiles(XYPlot plot, List<Long> sortedDays, boolean across) {
        if (sortedDays.isEmpty()) {
            return;
        }
        Map<Long, List<Integer>> byDays = new LinkedHashMap<>();
        PERCENTILES.forEach(percent -> byDays.computeIfAbsent(FlowCalculator.percentile(sortedDays, percent),
                days -> new ArrayList<>()).add(percent));
        byDays.forEach((days, percents) -> {
            // Each percentile's label at its own place along its line, so that close lines keep readable labels.
            int place = PERCENTILES.indexOf(percents.get(0));
            Color colour = PERCENTILE_COLOURS.get(place);
            ValueMarker marker = new ValueMarker(days, colour, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {6f, 3f}, 0f));
            marker.setLabel(percents.stream().map(percent -> percent + "%").collect(Collectors.joining(", ")) + ": "
                    + days(days));
            marker.setLabelFont(LABEL_FONT);
            marker.setLabelPaint(colour);
            marker.setLabelBackgroundColor(new Color(255, 255, 255, 200));
            if (across) {
                marker.setLabelAnchor(ACROSS_LABEL_ANCHORS.get(place));
                marker.setLabelTextAnchor(ACROSS_TEXT_ANCHORS.get(place));
                plot.addRangeMarker(marker, Layer.FOREGROUND);
            } else {
                marker.setLabelAnchor(UPRIGHT_LABEL_ANCHORS.get(place));
                marker.setLabelTextAnchor(UPRIGHT_TEXT_ANCHORS.get(place));
                plot.addDomainMarker(marker, Layer.FOREGROUND);
            }
        });
    }

    private static String percentilesText(List<Long> sortedDays) {
        return PERCENTILES.stream()
                .map(percent -> percent + "% took at most " + days(FlowCalculator.percentile(sortedDays, percent)))
                .collect(Collectors.joining(", ")) + ".";
    }

    private static String days(long days) {
        return days + (days == 1 ? " day" : " days");
    }
}
