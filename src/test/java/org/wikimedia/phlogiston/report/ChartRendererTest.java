package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.wikimedia.phlogiston.report.ScopeReport.Category;
import org.wikimedia.phlogiston.report.ScopeReport.DayTotals;
import org.wikimedia.phlogiston.report.ScopeReport.TaskLine;
import org.wikimedia.phlogiston.report.flow.FlowCalculator;
import org.wikimedia.phlogiston.report.flow.FlowMetrics;
import org.wikimedia.phlogiston.report.flow.TaskInterval;
import org.wikimedia.phlogiston.report.forecast.ForecastCalculator;
import org.wikimedia.phlogiston.report.forecast.Measure;
import org.wikimedia.phlogiston.report.forecast.WeeklyForecast;
import org.wikimedia.phlogiston.report.forecast.WeeklySeries;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecast;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecaster;
import org.wikimedia.phlogiston.scope.CategoryRule.Display;
import org.wikimedia.phlogiston.scope.CategoryRule.RuleType;
import org.wikimedia.phlogiston.scope.MonteCarloSettings;
import org.wikimedia.phlogiston.scope.ResolvedRule;
import org.wikimedia.phlogiston.scope.Workflow;

class ChartRendererTest {

    static final String HOSTILE_TITLE = "<script>alert(1)</script>";
    static final LocalDate LATEST = LocalDate.of(2019, 3, 15);
    static final Category INTERRUPT = new Category("Interrupt", false, 0);
    static final Category MOBILE = new Category("Mobile", true, 1);
    static final Category ALPHA_OTHER = new Category("Alpha other", false, 2);

    private final ChartRenderer renderer = new ChartRenderer();

    /**
     * A scope of three categories (the second hidden) over 35 days, with velocities computed from its weekly totals,
     * task lists and rules; titles carry markup, which pages must show as text.
     */
    static ScopeReport sampleReport(List<Category> categories, boolean showPoints, boolean showCount) {
        List<DayTotals> burnup = new ArrayList<>();
        List<WeeklyForecast> velocity = new ArrayList<>();
        List<WeeklySeries> series = new ArrayList<>();
        for (Category category : categories) {
            int size = 4 * (category.order() + 1);
            List<WeeklySeries.Week> weeks = new ArrayList<>();
            for (int day = 0; day < 35; day++) {
                LocalDate date = LATEST.minusDays(34 - day);
                long resolved = day * size / 40;
                burnup.add(new DayTotals(date, category.title(), 3L * (size - resolved), size - resolved,
                        3 * resolved, resolved));
                if ((34 - day) % 7 == 0) {
                    weeks.add(new WeeklySeries.Week(date, 3L * size, size, 3 * resolved, resolved));
                }
            }
            series.add(new WeeklySeries(category.title(), weeks));
            velocity.addAll(ForecastCalculator.weeklyForecasts(series.get(series.size() - 1)));
        }
        List<TaskLine> open = List.of(
                new TaskLine(1004, HOSTILE_TITLE, "Interrupt", "open", 3, LATEST.minusDays(20), LATEST.minusDays(2)),
                new TaskLine(1011, "Faster page loads", "Alpha other", "open", null, LATEST.minusDays(10), LATEST),
                new TaskLine(1116, null, "Alpha other", "open", 1, LATEST.minusDays(5), LATEST)); // a task whose dump info was empty
        TaskLine resolvedUnpointed = new TaskLine(1020, "Remove cache watchlist", "Alpha other", "resolved", 1,
                LATEST.minusDays(40), LATEST.minusDays(7));
        List<ResolvedRule> rules = List.of(
                new ResolvedRule(1, RuleType.PROJECT_COLUMN, "Done column", Display.SHOW, List.of(101),
                        List.of("Alpha-Team"), "Done", "resolved", false, 3),
                new ResolvedRule(0, RuleType.PROJECT_COLUMN, HOSTILE_TITLE, Display.SHOW, List.of(101),
                        List.of("Alpha-Team"), "TR0", null, false, 2),
                new ResolvedRule(2, RuleType.INTERSECTION, "Alpha tech debt", Display.HIDE, List.of(105, 101),
                        List.of("Alpha-Tech-Debt", "Alpha-Team"), null, null, false, 4));
        List<MonteCarloForecast> monteCarlo = MonteCarloForecaster.forecast("alp", LATEST, series,
                MonteCarloSettings.DEFAULTS);
        return new ScopeReport("alp", HOSTILE_TITLE, LATEST, Instant.parse("2019-03-15T12:00:00Z"),
                URI.create("https://phab.example.org/"), showPoints, showCount, categories, burnup,
                burnup.stream().filter(day -> day.date().isAfter(LATEST.minusDays(20))).toList(), velocity,
                ForecastCalculator.forecastTable(ForecastCalculator.currentForecasts(velocity)), open, List.of(open.get(1), resolvedUnpointed),
                List.of(resolvedUnpointed), rules,
                List.of(), maintenance(), List.of(new ScopeReport.HistogramBar(2, 3, 50),
                        new ScopeReport.HistogramBar(1, 3, 90), new ScopeReport.HistogramBar(4, 5, 50),
                        new ScopeReport.HistogramBar(1, null, 10)),
                List.of(new ScopeReport.CategoryPossibility(563, "Faster page loads on mobile", "Alpha-Team", "Backlog"),
                        new ScopeReport.CategoryPossibility(37, HOSTILE_TITLE, "Alpha-Team", null),
                        new ScopeReport.CategoryPossibility(1200, null, "Alpha-Team", "TR1 Backlog")),
                monteCarlo, monteCarloHistory(monteCarlo), flow());
    }

    /**
     * Two reports' 85% dates: the report of a week before the latest data forecast each date a week later (none where
     * this report has none), then this report's.
     */
    static List<ScopeReport.MonteCarloHistoryRow> monteCarloHistory(List<MonteCarloForecast> monteCarlo) {
        List<ScopeReport.MonteCarloHistoryRow> rows = new ArrayList<>();
        for (MonteCarloForecast forecast : monteCarlo) {
            LocalDate p85 = forecast.finishedBy(85);
            rows.add(new ScopeReport.MonteCarloHistoryRow(LATEST.minusDays(7), forecast.category(), forecast.measure(),
                    p85 == null ? null : p85.plusWeeks(1)));
        }
        for (MonteCarloForecast forecast : monteCarlo) {
            rows.add(new ScopeReport.MonteCarloHistoryRow(LATEST, forecast.category(), forecast.measure(),
                    forecast.finishedBy(85)));
        }
        return rows;
    }

    /**
     * Six tasks on a board of Backlog, Doing and Review over the 35 days: three finished (in 6, 9 and 4 days, one
     * skipping Review), one in Doing, one that skipped Doing into Review, one moved back from Doing to Backlog.
     */
    static FlowMetrics flow() {
        Workflow workflow = new Workflow(List.of(
                new Workflow.Stage("Backlog", List.of("open"), List.of("Backlog")),
                new Workflow.Stage("Doing", List.of(), List.of("Doing")),
                new Workflow.Stage("Review", List.of(), List.of("Review")),
                new Workflow.Stage("Done", List.of("resolved"), List.of())), 1, 3);
        return FlowCalculator.compute(workflow, List.of(
                interval(1, 34, 30, "open", "Backlog", 1), interval(1, 29, 25, "open", "Doing", 1),
                interval(1, 24, 0, "resolved", "Doing", 1),
                interval(2, 34, 20, "open", "Backlog", 2), interval(2, 19, 15, "open", "Doing", 2),
                interval(2, 14, 12, "open", "Review", 2), interval(2, 11, 0, "resolved", "Review", 2),
                interval(3, 30, 28, "open", "Doing", 3), interval(3, 27, 0, "resolved", "Doing", 3),
                interval(4, 34, 10, "open", "Backlog", 5), interval(4, 9, 0, "open", "Doing", 5),
                interval(5, 5, 0, "open", "Review", null),
                interval(6, 20, 8, "open", "Doing", 1), interval(6, 7, 0, "open", "Backlog", 1)), LATEST);
    }

    /** A task's state from {@code fromDaysBack} to {@code toDaysBack} days before the latest data. */
    private static TaskInterval interval(int id, int fromDaysBack, int toDaysBack, String status, String column,
                                         Integer points) {
        return new TaskInterval(id, LATEST.minusDays(fromDaysBack), LATEST.minusDays(toDaysBack), status,
                "Alpha-Team", column, points);
    }

    /** Three weeks of the original's alp maintenance_proportion.csv, ending on the latest data. */
    static List<ScopeReport.MaintenanceWeek> maintenance() {
        List<ScopeReport.MaintenanceWeek> weeks = new ArrayList<>();
        long[][] values = {{-2, -2, 2, 4, 5, 5}, {2, 2, 3, 3, -2, -2}};
        weeks.add(new ScopeReport.MaintenanceWeek(LATEST.minusDays(14), null, null, null));
        weeks.add(new ScopeReport.MaintenanceWeek(LATEST.minusDays(14), "Maintenance", null, null));
        weeks.add(new ScopeReport.MaintenanceWeek(LATEST.minusDays(14), "New Functionality", null, null));
        for (int i = 0; i < values.length; i++) {
            LocalDate date = LATEST.minusDays(7 - 7L * i);
            weeks.add(new ScopeReport.MaintenanceWeek(date, null, values[i][1], values[i][0]));
            weeks.add(new ScopeReport.MaintenanceWeek(date, "Maintenance", values[i][3], values[i][2]));
            weeks.add(new ScopeReport.MaintenanceWeek(date, "New Functionality", values[i][5], values[i][4]));
        }
        return weeks;
    }

    static ScopeReport sampleReport() {
        return sampleReport(List.of(INTERRUPT, MOBILE, ALPHA_OTHER), true, true);
    }

    @Test
    void writesEveryChartAsAPngOfTheChartSize(@TempDir Path dir) throws IOException {
        List<Chart> charts = renderer.render(sampleReport(), dir);

        assertThat(charts).extracting(Chart::fileName).containsExactly(
                "burnup_points.png", "burnup_count.png", "burnup_points_lastq.png", "burnup_count_lastq.png",
                "burnup_points_showhidden.png", "burnup_count_showhidden.png",
                "burnup_points_showhidden_lastq.png", "burnup_count_showhidden_lastq.png",
                "forecast_points.png", "forecast_count.png", "velocity_points.png", "velocity_count.png",
                "completed_week_points.png", "completed_week_count.png",
                "completed_month_points.png", "completed_month_count.png",
                "completed_quarter_points.png", "completed_quarter_count.png",
                "maintenance_points.png", "maintenance_count.png", "points_histogram.png",
                "category0_burnup_points.png", "category0_velocity_points.png", "category0_forecast_points.png",
                "category0_burnup_count.png", "category0_velocity_count.png", "category0_forecast_count.png",
                "category2_burnup_points.png", "category2_velocity_points.png", "category2_forecast_points.png",
                "category2_burnup_count.png", "category2_velocity_count.png", "category2_forecast_count.png",
                "montecarlo_weeks_points.png", "montecarlo_weeks_count.png",
                "montecarlo_history_points.png", "montecarlo_history_count.png",
                "montecarlo_weeks_category0_points.png", "montecarlo_weeks_category0_count.png",
                "montecarlo_weeks_category2_points.png", "montecarlo_weeks_category2_count.png",
                "flow_cfd.png", "flow_cycle_time.png", "flow_cycle_time_histogram.png", "flow_throughput_points.png",
                "flow_throughput_count.png", "flow_work_item_age.png", "flow_column_time.png");
        for (Chart chart : charts) {
            BufferedImage image = ImageIO.read(dir.resolve(chart.fileName()).toFile());
            assertThat(image).as(chart.fileName()).isNotNull();
            boolean small = chart.group() == Chart.Group.CATEGORY || chart.fileName().contains("_category");
            assertThat(chart.small()).as(chart.fileName()).isEqualTo(small);
            assertThat(image.getWidth()).as(chart.fileName())
                    .isEqualTo(chart.width()).isEqualTo(small ? ChartRenderer.SMALL_WIDTH : ChartRenderer.WIDTH);
            assertThat(image.getHeight()).as(chart.fileName())
                    .isEqualTo(chart.height()).isEqualTo(small ? ChartRenderer.SMALL_HEIGHT : ChartRenderer.HEIGHT);
            assertThat(chart.altText()).isNotBlank();
            assertThat(chart.dataFiles()).isNotEmpty();
        }
    }

    @Test
    void groupsTheChartsBySection(@TempDir Path dir) throws IOException {
        List<Chart> charts = renderer.render(sampleReport(), dir);

        assertThat(charts).filteredOn(chart -> chart.fileName().startsWith("burnup_"))
                .allSatisfy(chart -> assertThat(chart.group()).isEqualTo(Chart.Group.BURNUP));
        assertThat(charts).filteredOn(chart -> chart.fileName().startsWith("completed_"))
                .allSatisfy(chart -> assertThat(chart.group()).isEqualTo(Chart.Group.COMPLETED));
        assertThat(charts).filteredOn(chart -> chart.fileName().startsWith("category"))
                .allSatisfy(chart -> assertThat(chart.group()).isEqualTo(Chart.Group.CATEGORY));
    }

    @Test
    void monteCarloChartsSayWhatTheyShow(@TempDir Path dir) throws IOException {
        List<Chart> charts = renderer.render(sampleReport(), dir);

        for (Chart chart : charts) {
            assertThat(chart.group() == Chart.Group.MONTE_CARLO).as(chart.fileName())
                    .isEqualTo(chart.fileName().startsWith("montecarlo_"));
        }
        for (String histogram : List.of("montecarlo_weeks_points.png", "montecarlo_weeks_category0_count.png")) {
            assertThat(chart(charts, histogram).dataFiles()).as(histogram)
                    .containsExactly("forecast_montecarlo_weeks.csv", "forecast_montecarlo.csv");
        }
        assertThat(chart(charts, "montecarlo_history_count.png").dataFiles())
                .containsExactly("forecast_montecarlo_history.csv");
        // Alpha other resolves 2 of its 12 tasks every week and adds none: every trial finishes its 2 open tasks in the
        // first week.
        assertThat(chart(charts, "montecarlo_weeks_category2_count.png").altText()).isEqualTo("Bars of the 10000"
                + " simulated futures of Alpha other by task count, by the week in which they finished the open work (2"
                + " tasks), from 2019-03-15: 10000 finished within 104 weeks, most (10000) in the week ending"
                + " 2019-03-22, the last in the week ending 2019-03-22. 50% by 22 March 2019, 85% by 22 March 2019, 95% by"
                + " 22 March 2019.");
        assertThat(chart(charts, "montecarlo_weeks_category0_points.png").altText())
                .contains("simulated futures of Interrupt by points", "open work (3 points)");
        assertThat(chart(charts, "montecarlo_weeks_points.png").title()).endsWith("Monte Carlo finish weeks by points");
        // Mobile is hidden: not a line of the history.
        assertThat(chart(charts, "montecarlo_history_count.png").altText()).isEqualTo("Lines of the date by which 85%"
                + " of the simulated futures finished, by task count, as the reports of 2019-03-08 to 2019-03-15 forecast"
                + " it. All categories: 2019-04-05 on 2019-03-08, 2019-03-29 on 2019-03-15; Interrupt: 2019-04-05 on"
                + " 2019-03-08, 2019-03-29 on 2019-03-15; Alpha other: 2019-03-29 on 2019-03-08, 2019-03-22 on"
                + " 2019-03-15.");
    }

    /**
     * The fan belongs to the burnups that show every category (here the show-hidden ones, Mobile being hidden) and to
     * each category's burnup. Alpha other has 10 of its 12 tasks done on the latest day and does 2 a week: every
     * future does the last 2 in the first week, and by the fan's end (13 weeks on) has done 12.
     */
    @Test
    void burnupsOfEveryCategoryCarryTheFanOfSimulatedWorkDone(@TempDir Path dir) throws IOException {
        ScopeReport report = sampleReport();
        List<Chart> charts = renderer.render(report, dir.resolve("with"));

        List<String> withFan = charts.stream().filter(chart -> chart.dataFiles().contains("forecast_montecarlo_fan.csv"))
                .map(Chart::fileName).toList();
        assertThat(withFan).containsExactly("burnup_points_showhidden.png", "burnup_count_showhidden.png",
                "category0_burnup_points.png", "category0_burnup_count.png", "category2_burnup_points.png",
                "category2_burnup_count.png");
        assertThat(chart(charts, "category2_burnup_count.png").altText()).endsWith(" The grey fan from 2019-03-15 to"
                + " 2019-06-14 is the work done in the simulated futures (Monte Carlo): by 2019-06-14, 12 or more in 95%"
                + " of them, 12 or more in 85%, 12 or more in 50%.");
        MonteCarloForecast whole = report.monteCarlo().stream()
                .filter(forecast -> forecast.category().equals(MonteCarloForecaster.WHOLE_SCOPE)
                        && forecast.measure() == Measure.COUNT)
                .findFirst().orElseThrow();
        long doneOnLatest = report.burnup().stream().filter(day -> day.date().equals(LATEST))
                .mapToLong(DayTotals::resolvedCount).sum();
        assertThat(chart(charts, "burnup_count_showhidden.png").altText()).contains("by 2019-06-14, "
                + (doneOnLatest + whole.simulation().doneInAtLeast(13, 95)) + " or more in 95% of them");

        ScopeReport withoutForecasts = report.withForecastsAndFlow(List.of(), List.of(), report.flow());
        renderer.render(withoutForecasts, dir.resolve("without"));
        // the fan: its grey at a quarter's strength over the plot's background (Alpha other's has no width: every
        // future does the same)
        String png = "burnup_count_showhidden.png";
        assertThat(pixelsOf(dir.resolve("with").resolve(png), FAN_ON_BACKGROUND))
                .isGreaterThan(100 + pixelsOf(dir.resolve("without").resolve(png), FAN_ON_BACKGROUND));
    }

    private static final int FAN_ON_BACKGROUND = new Color((int) Math.round(0x55 * 0.25 + 0xf7 * 0.75),
            (int) Math.round(0x55 * 0.25 + 0xf7 * 0.75), (int) Math.round(0x55 * 0.25 + 0xf7 * 0.75)).getRGB();

    /** Pixels of the PNG within 2 of the colour in each channel. */
    private static long pixelsOf(Path png, int rgb) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        Color colour = new Color(rgb);
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color pixel = new Color(image.getRGB(x, y));
                if (Math.abs(pixel.getRed() - colour.getRed()) <= 2 && Math.abs(pixel.getGreen() - colour.getGreen()) <= 2
                        && Math.abs(pixel.getBlue() - colour.getBlue()) <= 2) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void aForecastNoTrialFinishesDrawsAnEmptyHistogramAndSaysSo(@TempDir Path dir) throws IOException {
        // 5 tasks open and nothing resolved in three weeks: no trial can finish
        List<WeeklySeries.Week> weeks = IntStream.range(0, 3)
                .mapToObj(week -> new WeeklySeries.Week(LATEST.minusWeeks(2 - week), 5, 5, 0, 0)).toList();
        ScopeReport r = sampleReport();
        ScopeReport stuck = new ScopeReport(r.scope(), r.title(), r.latestData(), r.generatedAt(), r.phabricatorUrl(),
                false, true, r.categories(), r.burnup(), r.burnupLastQuarter(), r.velocity(), r.forecastTable(),
                r.openTasks(), r.unpointedTasks(), r.recentlyClosed(), r.rules(), r.statusReports(), r.maintenance(),
                r.pointsHistogram(), r.categoryPossibilities(), MonteCarloForecaster.forecast("alp", LATEST,
                        List.of(new WeeklySeries("Interrupt", weeks)), MonteCarloSettings.DEFAULTS),
                List.of(), r.flow());

        List<Chart> charts = renderer.render(stuck, dir);

        assertThat(charts).extracting(Chart::fileName).filteredOn(name -> name.startsWith("montecarlo_"))
                .containsExactly("montecarlo_weeks_count.png", "montecarlo_weeks_category0_count.png");
        assertThat(ImageIO.read(dir.resolve("montecarlo_weeks_count.png").toFile())).isNotNull();
        assertThat(chart(charts, "montecarlo_weeks_category0_count.png").altText()).isEqualTo("Bars of the 10000"
                + " simulated futures of Interrupt by task count, by the week in which they finished the open work (5"
                + " tasks), from 2019-03-15: none finished within 104 weeks.");
    }

    @Test
    void chartsLinkToTheirDataFiles(@TempDir Path dir) throws IOException {
        List<Chart> charts = renderer.render(sampleReport(), dir);

        assertThat(chart(charts, "burnup_points_showhidden.png").dataFiles())
                .containsExactly("burn_done_showhidden.csv", "burn_open_showhidden.csv", "forecast_montecarlo_fan.csv");
        assertThat(chart(charts, "burnup_count_showhidden_lastq.png").dataFiles())
                .containsExactly("burn_done_showhidden_lastq.csv", "burn_open_showhidden.csv");
        assertThat(chart(charts, "completed_week_points.png").dataFiles()).containsExactly("recently_closed_week.csv");
        assertThat(chart(charts, "completed_month_count.png").dataFiles()).containsExactly("recently_closed_month.csv");
        assertThat(chart(charts, "completed_quarter_points.png").dataFiles())
                .containsExactly("recently_closed_quarter.csv");
        assertThat(chart(charts, "category0_burnup_points.png").dataFiles())
                .containsExactly("burn_done.csv", "burn_open.csv", "forecast_montecarlo_fan.csv");
        assertThat(chart(charts, "category2_velocity_count.png").dataFiles())
                .containsExactly("tranche_velocity.csv", "tranche_velocity_count.csv");
    }

    @Test
    void showHiddenBurnupsShowHiddenCategoriesAndTheOthersDoNot(@TempDir Path dir) throws IOException {
        List<Chart> charts = renderer.render(sampleReport(), dir);

        for (String hiding : List.of("burnup_points.png", "burnup_count_lastq.png", "completed_week_points.png",
                "completed_quarter_count.png", "velocity_points.png")) {
            assertThat(colours(dir.resolve(hiding))).as(hiding).doesNotContain(rgb(MOBILE));
            assertThat(chart(charts, hiding).altText()).as(hiding).doesNotContain("Mobile");
        }
        for (String showing : List.of("burnup_points_showhidden.png", "burnup_count_showhidden.png",
                "burnup_points_showhidden_lastq.png", "burnup_count_showhidden_lastq.png")) {
            assertThat(colours(dir.resolve(showing))).as(showing)
                    .contains(rgb(INTERRUPT), rgb(MOBILE), rgb(ALPHA_OTHER));
            assertThat(chart(charts, showing).altText()).as(showing).contains("Interrupt", "Mobile", "Alpha other");
            assertThat(chart(charts, showing).title()).as(showing).contains("hidden categories included");
        }
        assertThat(charts).extracting(Chart::fileName).noneMatch(name -> name.startsWith("category1_"));
    }

    @Test
    void drawsNoShowHiddenVariantsWhenNothingIsHidden(@TempDir Path dir) throws IOException {
        List<Chart> charts = renderer.render(sampleReport(List.of(INTERRUPT, ALPHA_OTHER), true, true), dir);

        assertThat(charts).extracting(Chart::fileName).noneMatch(name -> name.contains("showhidden"));
    }

    @Test
    void aCategoryKeepsItsColourInTheNewCharts(@TempDir Path dir) throws IOException {
        renderer.render(sampleReport(), dir);

        for (String chart : List.of("burnup_points_showhidden.png", "completed_week_points.png",
                "completed_month_count.png", "completed_quarter_points.png", "category2_burnup_points.png",
                "category2_velocity_count.png")) {
            assertThat(colours(dir.resolve(chart))).as(chart).contains(rgb(ALPHA_OTHER));
        }
        for (String chart : List.of("category0_burnup_points.png", "category0_velocity_points.png")) {
            assertThat(colours(dir.resolve(chart))).as(chart).contains(rgb(INTERRUPT)).doesNotContain(rgb(ALPHA_OTHER));
        }
        for (String chart : List.of("category2_burnup_count.png", "category2_velocity_points.png")) {
            assertThat(colours(dir.resolve(chart))).as(chart).doesNotContain(rgb(INTERRUPT));
        }
    }

    @Test
    void categoryChartsSayWhatTheyShow(@TempDir Path dir) throws IOException {
        List<Chart> charts = renderer.render(sampleReport(), dir);

        Chart burnup = chart(charts, "category2_burnup_points.png");
        assertThat(burnup.title()).isEqualTo("Alpha other: burnup by points");
        assertThat(burnup.altText()).startsWith("Stacked areas of work in points").contains("Alpha other")
                .doesNotContain("Interrupt");
        Chart velocity = chart(charts, "category0_velocity_count.png");
        assertThat(velocity.title()).isEqualTo("Interrupt: task count done per week and velocity");
        assertThat(velocity.altText()).startsWith("Interrupt: bars of task count done per week")
                .contains("optimistic", "nominal", "pessimistic", "Week ending " + LATEST);
        Chart completed = chart(charts, "completed_month_points.png");
        assertThat(completed.title()).isEqualTo(HOSTILE_TITLE + ": points completed per month");
        assertThat(completed.altText()).startsWith("Stacked bars of points completed per month by category")
                .contains("Interrupt", "Alpha other");
    }

    @Test
    void completedWorkAddsUpTheWeeklyGainsOfResolvedWork() {
        ScopeReport report = sampleReport();
        for (ChartPeriod period : ChartPeriod.values()) {
            List<ChartPeriod.Completed> completed = period.completedWork(report.velocity(), List.of(ALPHA_OTHER));
            // Alpha other's weeks are days 6, 13, 20, 27 and 34 of the data, with day * 12 / 40 tasks resolved: the
            // gains from the first week (1 task) to the last (10) are 9 tasks, 3 points each.
            assertThat(completed.stream().mapToLong(ChartPeriod.Completed::count).sum()).as(period.noun())
                    .isEqualTo(34 * 12 / 40 - 6 * 12 / 40);
            assertThat(completed.stream().mapToLong(ChartPeriod.Completed::points).sum()).as(period.noun())
                    .isEqualTo(3 * (34 * 12 / 40 - 6 * 12 / 40));
            assertThat(completed).extracting(ChartPeriod.Completed::start)
                    .allSatisfy(start -> assertThat(period.start(start)).isEqualTo(start));
        }
        assertThat(ChartPeriod.MONTH.completedWork(report.velocity(), List.of(ALPHA_OTHER)))
                .extracting(ChartPeriod.Completed::start)
                .containsExactly(LocalDate.of(2019, 2, 1), LocalDate.of(2019, 3, 1));
    }

    @Test
    void thePagesShowEveryChartWithTextAndDataLinks(@TempDir Path dir) throws IOException {
        ScopeReport report = sampleReport();
        List<Chart> charts = renderer.render(report, dir);
        new PageRenderer(new ReportTemplates()).render(report, charts, dir);
        Document index = Jsoup.parse(dir.resolve("index.html").toFile());
        Document forecast = Jsoup.parse(dir.resolve("forecast.html").toFile());

        assertThat(index.select("h2").eachText()).containsSubsequence("Burnups", "Velocity",
                "Completed work", "Maintenance and new functionality", "Points of resolved tasks", "Flow", "Per category");
        for (Chart chart : charts) {
            Document page = PageRenderer.FORECAST_PAGE_GROUPS.contains(chart.group()) ? forecast : index;
            Element figure = page.selectFirst("figure:has(img[src=" + chart.fileName() + "])");
            assertThat(figure).as(chart.fileName()).isNotNull();
            Element image = figure.selectFirst("img");
            assertThat(image.attr("alt")).as(chart.fileName()).isEqualTo(chart.altText());
            assertThat(image.attr("width")).isEqualTo(Integer.toString(chart.width()));
            assertThat(image.attr("height")).isEqualTo(Integer.toString(chart.height()));
            assertThat(figure.hasClass("small")).as(chart.fileName()).isEqualTo(chart.small());
            assertThat(figure.select("figcaption").text()).contains(chart.title());
            assertThat(figure.select("a").eachAttr("href")).as(chart.fileName()).containsExactlyElementsOf(
                    chart.dataFiles().stream().map(file -> "data/" + file).toList());
        }
        Element perCategory = index.select("section").stream()
                .filter(section -> section.selectFirst("h2").text().equals("Per category"))
                .findFirst().orElseThrow();
        assertThat(perCategory.select("img").eachAttr("src")).startsWith("category0_burnup_points.png",
                "category0_velocity_points.png", "category0_forecast_points.png");
        assertThat(index.selectFirst("figure:has(img[src=burnup_points_showhidden.png])").select("a")
                .eachAttr("href")).containsExactly("data/burn_done_showhidden.csv", "data/burn_open_showhidden.csv",
                        "data/forecast_montecarlo_fan.csv");
    }

    @Test
    void theMaintenanceChartStacksBothKindsOfWorkPerWeekAndGivesTheTotalShare(@TempDir Path dir) throws IOException {
        List<Chart> charts = renderer.render(sampleReport(), dir);

        Chart points = chart(charts, "maintenance_points.png");
        assertThat(points.group()).isEqualTo(Chart.Group.MAINTENANCE);
        assertThat(points.dataFiles()).containsExactly("maintenance_proportion.csv", "maintenance_fraction.csv",
                "maintenance_fraction_total_by_points.csv");
        // Maintenance 4 + 3 points, new functionality 5 - 2: 7 of 10; by count 2 + 3 and 5 - 2: 5 of 8.
        assertThat(points.altText()).contains("weeks ending " + LATEST.minusDays(7) + " to " + LATEST,
                "Maintenance 3", "New Functionality -2", "maintenance 70% of the tagged work done");
        assertThat(chart(charts, "maintenance_count.png").altText()).contains("maintenance 63% of the tagged work");
        assertThat(colours(dir.resolve("maintenance_points.png"))).contains(0xff1b9e77, 0xffd95f02);
        assertThat(MaintenanceFraction.totalPercent(List.of(), ScopeReport.MaintenanceWeek::points)).isNull();
    }

    @Test
    void thePointsHistogramStacksResolvedTasksByPriority(@TempDir Path dir) throws IOException {
        List<Chart> charts = renderer.render(sampleReport(), dir);

        Chart histogram = chart(charts, "points_histogram.png");
        assertThat(histogram.group()).isEqualTo(Chart.Group.POINTS_HISTOGRAM);
        assertThat(histogram.dataFiles()).containsExactly("points_histogram.csv");
        assertThat(histogram.altText()).contains("3 points: 1 Needs Triage, 2 Medium; 5 points: 4 Medium; "
                + "no points: 1 Lowest.");
        assertThat(colours(dir.resolve("points_histogram.png"))).contains(0xff8e44ad, 0xffe67e22, 0xff3498db);
        assertThat(renderer.render(sampleReport(List.of(INTERRUPT), false, true), dir))
                .extracting(Chart::fileName).doesNotContain("points_histogram.png");
    }

    @Test
    void theForecastHistoryOfACategoryFollowsItsNominalForecastDateOverTheWeeks(@TempDir Path dir) throws IOException {
        ScopeReport report = sampleReport();
        List<Chart> charts = renderer.render(report, dir);

        Chart history = chart(charts, "category0_forecast_points.png");
        assertThat(history.group()).isEqualTo(Chart.Group.CATEGORY);
        assertThat(history.small()).isTrue();
        assertThat(history.dataFiles()).containsExactly("forecast.csv");
        assertThat(history.title()).isEqualTo("Interrupt: nominal forecast by points over the weeks");
        List<WeeklyForecast> forecasts = report.velocity().stream()
                .filter(week -> week.category().equals("Interrupt") && week.points().nomDate() != null)
                .sorted(Comparator.comparing(WeeklyForecast::date)).toList();
        assertThat(forecasts).isNotEmpty();
        WeeklyForecast last = forecasts.get(forecasts.size() - 1);
        assertThat(history.altText()).startsWith("Interrupt: the date of completion forecast at the nominal points")
                .contains("on " + last.date() + " " + last.points().nomDate());
        assertThat(colours(dir.resolve("category0_forecast_points.png"))).contains(rgb(INTERRUPT));
        assertThat(colours(dir.resolve("category2_forecast_count.png"))).contains(rgb(ALPHA_OTHER))
                .doesNotContain(rgb(INTERRUPT));
    }

    @Test
    void theFlowChartsSayWhatTheyShowWithTheCycleTimePercentiles(@TempDir Path dir) throws IOException {
        List<Chart> charts = renderer.render(sampleReport(), dir);

        assertThat(charts).filteredOn(chart -> chart.group() == Chart.Group.FLOW)
                .extracting(Chart::fileName, Chart::dataFiles, Chart::altText).containsExactly(
                        tuple("flow_cfd.png", List.of("cfd.csv"), "Stacked areas of the tasks in each stage per day,"
                                + " 2019-02-09 to 2019-03-15, the first stage on top and the last at the bottom. On"
                                + " 2019-03-15: Backlog 1; Doing 1; Review 1; Done 3."),
                        tuple("flow_cycle_time.png", List.of("cycle_time.csv"), "Dots of the cycle time in days of"
                                + " the 3 tasks finished 2019-02-16 to 2019-03-04, by done date. 50% took at most 6"
                                + " days, 85% took at most 9 days, 95% took at most 9 days. Longest: T2, 9 days."),
                        tuple("flow_cycle_time_histogram.png", List.of("cycle_time.csv"), "Bars of the finished"
                                + " tasks per cycle time, 1 day a bar. 4 days: 1 task; 6 days: 1 task; 9 days: 1"
                                + " task. 50% took at most 6 days, 85% took at most 9 days, 95% took at most 9 days."),
                        tuple("flow_throughput_points.png", List.of("throughput.csv"), "Bars of the work first"
                                + " done per week in points, weeks ending 2019-02-15 to 2019-03-15. Week ending"
                                + " 2019-03-15: 0. Median week: 0; best week: 4."),
                        tuple("flow_throughput_count.png", List.of("throughput.csv"), "Bars of the work first"
                                + " done per week in task count, weeks ending 2019-02-15 to 2019-03-15. Week ending"
                                + " 2019-03-15: 0. Median week: 0; best week: 2."),
                        tuple("flow_work_item_age.png", List.of("work_item_age.csv", "cycle_time.csv"), "Dots of"
                                + " the age in days of the 3 committed, unfinished tasks on 2019-03-15 by stage."
                                + " Backlog: 1 task, oldest T6 21 days; Doing: 1 task, oldest T4 10 days; Review: 1"
                                + " task, oldest T5 6 days. 2 older than the 85th percentile of cycle time (9 days)."),
                        tuple("flow_column_time.png", List.of("column_time.csv"), "Bars of the median and 85th"
                                + " percentile of the days tasks spent in each workboard column before done."
                                + " Alpha-Team: Backlog: 4 tasks, median 8 days, 85th percentile 25 days; Alpha-Team:"
                                + " Doing: 5 tasks, median 5 days, 85th percentile 13 days; Alpha-Team: Review: 2"
                                + " tasks, median 3 days, 85th percentile 6 days."));
        // The percentile lines, on every chart of cycle time and on the ages: 50% blue, 85% orange (95% red, but
        // here it falls on the 85th's day and shares its line).
        for (String chart : List.of("flow_cycle_time.png", "flow_cycle_time_histogram.png", "flow_work_item_age.png")) {
            assertThat(colours(dir.resolve(chart))).as(chart).contains(0xff2b8cbe, 0xffe6550d)
                    .doesNotContain(0xffa50f15);
        }
        assertThat(colours(dir.resolve("flow_cfd.png"))).as("a band per stage")
                .contains(ChartPalette.colour(0).getRGB(), ChartPalette.colour(1).getRGB(),
                        ChartPalette.colour(2).getRGB(), ChartPalette.colour(3).getRGB());
    }

    @Test
    void withoutHistoryTheFlowChartsSaySo(@TempDir Path dir) throws IOException {
        ScopeReport r = sampleReport();
        ScopeReport noHistory = new ScopeReport(r.scope(), r.title(), r.latestData(), r.generatedAt(),
                r.phabricatorUrl(), r.showPoints(), false, r.categories(), r.burnup(), r.burnupLastQuarter(),
                r.velocity(), r.forecastTable(), r.openTasks(), r.unpointedTasks(), r.recentlyClosed(), r.rules(),
                r.statusReports(), r.maintenance(), r.pointsHistogram(), r.categoryPossibilities(), r.monteCarlo(), r.monteCarloHistory(),
                FlowMetrics.NONE);

        assertThat(renderer.render(noHistory, dir)).filteredOn(chart -> chart.group() == Chart.Group.FLOW)
                .extracting(Chart::altText).containsExactly(
                        "Cumulative flow of tasks by stage: no history yet.",
                        "Cycle time of finished tasks: none finished yet.",
                        "Cycle time histogram: no task finished yet.",
                        "Throughput per week in points: no history yet.",
                        "Age of unfinished work: no committed task is unfinished on 2019-03-15.",
                        "Days per workboard column: no task was in a column before done.");
    }

    @Test
    void titlesNameTheUnit(@TempDir Path dir) throws IOException {
        List<Chart> charts = renderer.render(sampleReport(), dir);

        assertThat(charts).filteredOn(chart -> chart.fileName().contains("points"))
                .allSatisfy(chart -> assertThat(chart.title()).contains("points"));
        assertThat(charts).filteredOn(chart -> chart.fileName().contains("count"))
                .allSatisfy(chart -> assertThat(chart.title()).contains("task count"));
    }

    @Test
    void drawsOnlyTheUnitsTheScopeShows(@TempDir Path dir) throws IOException {
        List<Chart> charts = renderer.render(sampleReport(List.of(INTERRUPT, ALPHA_OTHER), true, false), dir);

        assertThat(charts).extracting(Chart::fileName).containsExactly(
                "burnup_points.png", "burnup_points_lastq.png", "forecast_points.png", "velocity_points.png",
                "completed_week_points.png", "completed_month_points.png", "completed_quarter_points.png",
                "maintenance_points.png", "points_histogram.png",
                "category0_burnup_points.png", "category0_velocity_points.png", "category0_forecast_points.png",
                "category2_burnup_points.png", "category2_velocity_points.png", "category2_forecast_points.png",
                "montecarlo_weeks_points.png", "montecarlo_history_points.png", "montecarlo_weeks_category0_points.png",
                "montecarlo_weeks_category2_points.png",
                "flow_cfd.png", "flow_cycle_time.png", "flow_cycle_time_histogram.png", "flow_throughput_points.png",
                "flow_work_item_age.png", "flow_column_time.png");
    }

    @Test
    void leavesHiddenCategoriesOutOfTheBurnup(@TempDir Path dir) throws IOException {
        Chart burnup = renderer.render(sampleReport(), dir).get(0);

        Set<Integer> colours = colours(dir.resolve(burnup.fileName()));
        assertThat(colours).contains(rgb(INTERRUPT), rgb(ALPHA_OTHER)).doesNotContain(rgb(MOBILE));
        assertThat(burnup.altText()).contains("Interrupt", "Alpha other").doesNotContain("Mobile");
    }

    @Test
    void aCategoryKeepsItsColourAcrossChartsAndScopeVariants(@TempDir Path dir) throws IOException {
        List<Chart> all = renderer.render(sampleReport(), dir.resolve("all"));
        List<Chart> withoutFirst = renderer.render(
                sampleReport(List.of(new Category("Interrupt", true, 0), MOBILE, ALPHA_OTHER), true, true),
                dir.resolve("without-first"));

        for (Path chart : List.of(dir.resolve("all").resolve(all.get(0).fileName()),
                dir.resolve("all").resolve("velocity_points.png"),
                dir.resolve("without-first").resolve(withoutFirst.get(0).fileName()))) {
            assertThat(colours(chart)).as(chart.toString()).contains(rgb(ALPHA_OTHER));
        }
        assertThat(colours(dir.resolve("without-first").resolve(withoutFirst.get(0).fileName())))
                .doesNotContain(rgb(INTERRUPT));
    }

    @Test
    void thePaletteTellsApartMoreThanTwentyCategories() {
        Set<Color> distinct = new HashSet<>();
        IntStream.range(0, 24).forEach(order -> distinct.add(ChartPalette.colour(order)));

        assertThat(distinct).hasSize(24);
        assertThat(ChartPalette.colour(ChartPalette.size())).isEqualTo(ChartPalette.colour(0));
    }

    private static Chart chart(List<Chart> charts, String fileName) {
        return charts.stream().filter(chart -> chart.fileName().equals(fileName)).findFirst().orElseThrow();
    }

    private static int rgb(Category category) {
        return ChartPalette.colour(category.order()).getRGB();
    }

    private static Set<Integer> colours(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) | 0xff000000);
            }
        }
        return colours;
    }
}
