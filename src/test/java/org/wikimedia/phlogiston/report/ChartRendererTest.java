package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.wikimedia.phlogiston.report.flow.FlowMetrics;
import org.wikimedia.phlogiston.report.forecast.ForecastCalculator;
import org.wikimedia.phlogiston.report.forecast.WeeklyForecast;
import org.wikimedia.phlogiston.report.forecast.WeeklySeries;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecaster;
import org.wikimedia.phlogiston.scope.CategoryRule.Display;
import org.wikimedia.phlogiston.scope.CategoryRule.RuleType;
import org.wikimedia.phlogiston.scope.MonteCarloSettings;
import org.wikimedia.phlogiston.scope.ResolvedRule;

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
                MonteCarloForecaster.forecast("alp", LATEST, series, MonteCarloSettings.DEFAULTS),
                FlowMetrics.NONE);
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
                "category2_burnup_count.png", "category2_velocity_count.png", "category2_forecast_count.png");
        for (Chart chart : charts) {
            BufferedImage image = ImageIO.read(dir.resolve(chart.fileName()).toFile());
            assertThat(image).as(chart.fileName()).isNotNull();
            boolean small = chart.group() == Chart.Group.CATEGORY;
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
    void chartsLinkToTheirDataFiles(@TempDir Path dir) throws IOException {
        List<Chart> charts = renderer.render(sampleReport(), dir);

        assertThat(chart(charts, "burnup_points_showhidden.png").dataFiles())
                .containsExactly("burn_done_showhidden.csv", "burn_open_showhidden.csv");
        assertThat(chart(charts, "burnup_count_showhidden_lastq.png").dataFiles())
                .containsExactly("burn_done_showhidden_lastq.csv", "burn_open_showhidden.csv");
        assertThat(chart(charts, "completed_week_points.png").dataFiles()).containsExactly("recently_closed_week.csv");
        assertThat(chart(charts, "completed_month_count.png").dataFiles()).containsExactly("recently_closed_month.csv");
        assertThat(chart(charts, "completed_quarter_points.png").dataFiles())
                .containsExactly("recently_closed_quarter.csv");
        assertThat(chart(charts, "category0_burnup_points.png").dataFiles())
                .containsExactly("burn_done.csv", "burn_open.csv");
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
    void theIndexPageShowsTheNewChartsWithTextAndDataLinks(@TempDir Path dir) throws IOException {
        ScopeReport report = sampleReport();
        List<Chart> charts = renderer.render(report, dir);
        new PageRenderer(new ReportTemplates()).render(report, charts, dir);
        Document index = Jsoup.parse(dir.resolve("index.html").toFile());

        assertThat(index.select("h2").eachText()).containsSubsequence("Burnups", "Forecasts", "Velocity",
                "Completed work", "Maintenance and new functionality", "Points of resolved tasks", "Per category");
        for (Chart chart : charts) {
            Element figure = index.selectFirst("figure:has(img[src=" + chart.fileName() + "])");
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
                .eachAttr("href")).containsExactly("data/burn_done_showhidden.csv", "data/burn_open_showhidden.csv");
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
                "maintenance_points.png", "points_histogram.png", "category0_burnup_points.png", "category0_velocity_points.png", "category0_forecast_points.png",
                "category2_burnup_points.png", "category2_velocity_points.png", "category2_forecast_points.png");
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
