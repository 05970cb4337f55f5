package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikimedia.phlogiston.report.ChartRendererTest.HOSTILE_TITLE;
import static org.wikimedia.phlogiston.report.ChartRendererTest.LATEST;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.wikimedia.phlogiston.report.ScopeReport.Category;
import org.wikimedia.phlogiston.report.forecast.WeeklySeries;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecast;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecaster;
import org.wikimedia.phlogiston.scope.MonteCarloSettings;

class PageRendererTest {

    private static final List<String> PAGES = List.of("index.html", "forecast.html", "tasks.html", "rules.html");
    /** The original's names of the CSVs behind the charts, which another part of the report writes. */
    /** The data files the charts link to, which DataFiles writes (tested there); here they only need to exist. */
    private static final List<String> DATA_FILES = List.of("burn_done.csv", "burn_done_lastq.csv", "burn_open.csv",
            "burn_done_showhidden.csv", "burn_done_showhidden_lastq.csv", "burn_open_showhidden.csv", "forecast.csv",
            "tranche_velocity.csv", "tranche_velocity_points.csv", "tranche_velocity_count.csv",
            "recently_closed_week.csv", "recently_closed_month.csv", "recently_closed_quarter.csv",
            "maintenance_proportion.csv", "maintenance_fraction.csv", "maintenance_fraction_total_by_points.csv",
            "maintenance_fraction_total_by_count.csv", "points_histogram.csv", "category_possibilities.txt",
            "forecast_montecarlo.csv", "forecast_howmany.csv", "forecast_montecarlo_history.csv",
            "cfd.csv", "cycle_time.csv", "throughput.csv", "work_item_age.csv", "column_time.csv",
            "forecast_montecarlo_weeks.csv", "forecast_montecarlo_fan.csv");

    @TempDir
    Path output;
    private Path scopeDir;

    /** Publishes a whole site of one scope: charts, pages, the data files' places and the site index. */
    @BeforeEach
    void publish() throws IOException {
        ReportTemplates templates = new ReportTemplates();
        ScopeReport report = ChartRendererTest.sampleReport();
        scopeDir = output.resolve(report.scope());
        List<Chart> charts = new ChartRenderer().render(report, scopeDir);
        Files.createDirectories(scopeDir.resolve("data"));
        for (String dataFile : DATA_FILES) {
            Files.createFile(scopeDir.resolve("data").resolve(dataFile));
        }
        new PageRenderer(templates).render(report, charts, scopeDir);
        Files.writeString(output.resolve("index.html"), new SiteIndex(templates).render(List.of(
                new SiteIndex.SiteEntry(report.scope(), report.title(), report.latestData(), report.generatedAt()))));
    }

    @Test
    void showsAMarkupTitleAsTextOnEveryPage() throws IOException {
        for (String page : PAGES) {
            Document html = parse(page);
            assertThat(html.title()).as(page).contains(HOSTILE_TITLE);
            assertThat(html.selectFirst("h1").text()).as(page).contains(HOSTILE_TITLE);
            assertThat(html.select("script")).as(page).singleElement()
                    .satisfies(script -> assertThat(script.attr("src")).isEqualTo("table.js"))
                    .satisfies(script -> assertThat(script.data()).isEmpty());
        }
        assertThat(parse("tasks.html").select("#open-tasks td").eachText()).contains(HOSTILE_TITLE);
        assertThat(parse("rules.html").select("ol.rules strong").eachText()).contains(HOSTILE_TITLE);
    }

    @Test
    void aStatusReportGetsItsPageAndAPlaceInEveryPagesNavigation(@TempDir Path otherScope) throws IOException {
        ScopeReport r = ChartRendererTest.sampleReport();
        StatusReport window = new StatusReport("Status report 2019-02-01 to 2019-03-15", 101, LocalDate.parse("2019-02-01"),
                LocalDate.parse("2019-03-15"), List.of(new StatusReportLine(1004, "<b>bold</b>", "Faster pages", 2, "In-Scope", "Done", "2.0")));
        ScopeReport withStatus = new ScopeReport(r.scope(), r.title(), r.latestData(), r.generatedAt(), r.phabricatorUrl(),
                r.showPoints(), r.showCount(), r.categories(), r.burnup(), r.burnupLastQuarter(), r.velocity(),
                r.forecastTable(), r.openTasks(), r.unpointedTasks(), r.recentlyClosed(), r.rules(), List.of(window),
                r.maintenance(), r.pointsHistogram(), r.categoryPossibilities(), r.monteCarlo(), r.monteCarloHistory(), r.flow());
        new PageRenderer(new ReportTemplates()).render(withStatus, List.of(), otherScope);

        for (String page : List.of("index.html", "forecast.html", "tasks.html", "rules.html", "status.html")) {
            assertThat(Jsoup.parse(otherScope.resolve(page).toFile()).select("nav a[href=status.html]")).as(page).hasSize(1);
        }
        Document status = Jsoup.parse(otherScope.resolve("status.html").toFile());
        assertThat(status.select("nav a[aria-current=page]").text()).isEqualTo("Status report");
        assertThat(status.text()).contains("<b>bold</b>", "In-Scope", "Done");
        assertThat(parse("tasks.html").select("nav a[href=status.html]")).as("no status report, no link").isEmpty();
    }

    @Test
    void aTaskWithoutTitleIsListedAsSuch() throws IOException {
        assertThat(parse("tasks.html").text()).contains("(no title in the dump)");
    }

    @Test
    void everyLocalLinkLeadsToAFileOfTheSite() throws IOException {
        for (String page : PAGES) {
            Document html = parse(page);
            for (Element reference : html.select("img[src], a[href], link[href], script[src]")) {
                String target = reference.hasAttr("src") ? reference.attr("src") : reference.attr("href");
                if (!target.startsWith("https://phab.example.org/")) {
                    assertThat(scopeDir.resolve(target)).as(page + " → " + target).isRegularFile();
                }
            }
        }
    }

    @Test
    void loadsNothingFromElsewhere() throws IOException {
        for (String page : PAGES) {
            Document html = parse(page);
            assertThat(html.select("img[src], link[href], script[src]"))
                    .allSatisfy(resource -> assertThat(resource.attr("src") + resource.attr("href"))
                            .doesNotContain(":").doesNotStartWith("/"));
            assertThat(html.select("link[rel=stylesheet]").eachAttr("href")).containsExactly("report.css");
        }
        assertThat(scopeDir.resolve("report.css")).isNotEmptyFile();
        assertThat(scopeDir.resolve("table.js")).isNotEmptyFile();
    }

    @Test
    void chartsCarryTheirTextAndDataLinks() throws IOException {
        Document index = parse("index.html");

        assertThat(index.select("h2").eachText()).containsSubsequence("Burnups", "Velocity");
        Element burnup = index.selectFirst("figure:has(img[src=burnup_points.png])");
        assertThat(burnup.selectFirst("img").attr("alt")).startsWith("Stacked areas of work in points");
        assertThat(burnup.select("a").eachAttr("href")).containsExactly("data/burn_done.csv", "data/burn_open.csv");
    }

    @Test
    void theFlowChartsHaveTheirSectionWithTextAndDataLinks() throws IOException {
        Element flow = section(parse("index.html"), "Flow");

        assertThat(flow.select("img").eachAttr("src")).containsExactly("flow_cfd.png", "flow_cycle_time.png",
                "flow_cycle_time_histogram.png", "flow_throughput_points.png", "flow_throughput_count.png",
                "flow_work_item_age.png", "flow_column_time.png");
        assertThat(flow.select("figure:has(img[src=flow_work_item_age.png]) a").eachAttr("href"))
                .containsExactly("data/work_item_age.csv", "data/cycle_time.csv");
        assertThat(flow.selectFirst("img[src=flow_cycle_time.png]").attr("alt"))
                .contains("50% took at most 6 days, 85% took at most 9 days");
        assertThat(flow.select("figure details p").eachText()).hasSize(7).allSatisfy(text -> assertThat(text).isNotBlank());
    }

    @Test
    void theForecastPageShowsTheMonteCarloChartsThenThe3PointOnes() throws IOException {
        Document forecast = parse("forecast.html");

        assertThat(forecast.select("h2").eachText()).containsExactly("When, with what confidence",
                "How many by 2019-03-31", "Monte Carlo forecasts", "Forecasts", "Forecast: weeks to completion");
        Element section = section(forecast, "Monte Carlo forecasts");
        assertThat(section.select("img").eachAttr("src")).containsExactly("montecarlo_weeks_points.png",
                "montecarlo_weeks_count.png", "montecarlo_history_points.png", "montecarlo_history_count.png",
                "montecarlo_weeks_category0_points.png", "montecarlo_weeks_category0_count.png",
                "montecarlo_weeks_category2_points.png", "montecarlo_weeks_category2_count.png");
        assertThat(section.select("figure.small")).hasSize(4);
        Element history = section.selectFirst("figure:has(img[src=montecarlo_history_points.png])");
        assertThat(history.selectFirst("img").attr("alt")).startsWith("Lines of the date by which 85% of the simulated");
        assertThat(history.select("a").eachAttr("href")).containsExactly("data/forecast_montecarlo_history.csv");
        assertThat(history.select("details p").text()).isEqualTo(history.selectFirst("img").attr("alt"));
        assertThat(section.selectFirst("figure:has(img[src=montecarlo_weeks_points.png])").select("a").eachAttr("href"))
                .containsExactly("data/forecast_montecarlo_weeks.csv", "data/forecast_montecarlo.csv");
        assertThat(section(forecast, "Forecasts").select("img").eachAttr("src"))
                .containsExactly("forecast_points.png", "forecast_count.png");
        assertThat(forecast.select("#forecast-table tbody tr")).hasSize(ChartRendererTest.sampleReport().forecastTable().size());
    }

    @Test
    void theForecastPageSaysWhenPerCategoryAndHowToReadIt() throws IOException {
        Document forecast = parse("forecast.html");

        assertThat(forecast.select("#montecarlo li strong").eachText())
                .containsExactly("Interrupt", "Mobile", "Alpha other", "All categories");
        assertThat(forecast.select("#montecarlo li").eachText()).containsExactlyElementsOf(MonteCarloSentences.lines(
                ChartRendererTest.sampleReport().monteCarlo(), true, true).stream()
                .map(line -> line.category() + ": " + line.forecast() + ".").toList());
        assertThat(forecast.select("#montecarlo li").last().text()).startsWith("All categories: by points, 50% by ");
        // the sample's categories are 5 weeks old: 4 complete weeks to draw from, the defaults otherwise
        assertThat(forecast.selectFirst("section p").text()).contains("From 2019-03-15, 10,000 simulated futures",
                "draws one of the last 4 complete weeks at random", "or the horizon of two years has passed");
        assertThat(forecast.select("section:has(#montecarlo) a").eachAttr("href"))
                .containsExactly("data/forecast_montecarlo.csv", "data/forecast_montecarlo_history.csv");
    }

    @Test
    void theForecastPageSaysHowManyByTheTargetDateInTheMeasuresShown(@TempDir Path otherScope) throws IOException {
        Document forecast = parse("forecast.html");

        assertThat(forecast.select("#howmany-table th").eachText())
                .containsExactly("Category", "Measure", "At least, in 50%", "At least, in 85%", "At least, in 95%");
        List<String> rows = forecast.select("#howmany-table tbody tr").eachText();
        // Two weeks to 2019-03-31. Interrupt has 1 task (3 points) open and resolved 1, 1, 0, 1 tasks in its 4
        // weeks: both weeks draw 0 in 1 of 16 trials, fewer than 50% or 15% of them, more than 5%. The whole scope
        // resolved 4, 6, 3, 4 tasks a week with 5 open: any two weeks do them all.
        assertThat(rows).hasSize(8).startsWith("Interrupt points 3 3 0", "Interrupt count 1 1 0")
                .endsWith("All categories points 15 15 15", "All categories count 5 5 5");
        assertThat(rows).containsExactlyElementsOf(ChartRendererTest.sampleReport().monteCarlo().stream()
                .map(row -> MonteCarloSentences.categoryName(row.category()) + " " + row.measure().fileName() + " "
                        + row.simulation().doneByTarget(50) + " " + row.simulation().doneByTarget(85) + " "
                        + row.simulation().doneByTarget(95))
                .toList());
        assertThat(forecast.select("a[href=data/forecast_howmany.csv]")).hasSize(1);

        render(ChartRendererTest.sampleReport(List.of(ChartRendererTest.INTERRUPT), false, true), otherScope);
        Document countOnly = Jsoup.parse(otherScope.resolve("forecast.html").toFile());
        assertThat(countOnly.select("#howmany-table tbody td:eq(1)").eachText()).containsExactly("count", "count");
        assertThat(countOnly.select("#montecarlo li").eachText()).allSatisfy(line -> assertThat(line).doesNotContain("by count"));
    }

    @Test
    void aCategoryTitleWithMarkupIsTextOnTheForecastPage(@TempDir Path otherScope) throws IOException {
        String title = "R&D <b>bold</b> & <i>co</i>";
        render(ChartRendererTest.sampleReport(List.of(new Category(title, false, 0)), true, true), otherScope);
        Document forecast = Jsoup.parse(otherScope.resolve("forecast.html").toFile());

        assertThat(forecast.select("b, i")).isEmpty();
        assertThat(forecast.select("#montecarlo li strong").eachText()).containsExactly(title, "All categories");
        assertThat(forecast.select("#howmany-table tbody td:eq(0)").eachText()).containsExactly(title, title,
                "All categories", "All categories");
        assertThat(forecast.select("#forecast-table tbody td:eq(0)").eachText()).containsExactly(title);
        assertThat(Files.readString(otherScope.resolve("forecast.html"))).contains("R&amp;D &lt;b&gt;bold&lt;/b&gt;");
    }

    @Test
    void theForecastPageSaysWhenACategoryDrewFromFewerWeeksAndWhenThereIsNoForecast(@TempDir Path otherScope)
            throws IOException {
        // Interrupt has 4 complete weeks, Mobile 1: the whole scope draws from 4
        List<WeeklySeries.Week> weeks = IntStream.range(0, 5)
                .mapToObj(week -> new WeeklySeries.Week(LATEST.minusWeeks(4 - week), 10, 5, 2L * week, week)).toList();
        render(withMonteCarlo(MonteCarloForecaster.forecast("alp", LATEST, List.of(new WeeklySeries("Interrupt", weeks),
                new WeeklySeries("Mobile", weeks.subList(3, 5))), MonteCarloSettings.DEFAULTS)), otherScope);
        assertThat(Jsoup.parse(otherScope.resolve("forecast.html").toFile()).selectFirst("section p").text())
                .contains("draws one of the last 4 complete weeks (fewer for a category younger than that) at random");

        render(withMonteCarlo(List.of()), otherScope);
        Document forecast = Jsoup.parse(otherScope.resolve("forecast.html").toFile());
        assertThat(forecast.select("#montecarlo, #howmany-table")).isEmpty();
        assertThat(forecast.select("main > p").text()).startsWith("No Monte Carlo forecast");
        assertThat(forecast.select("#forecast-table")).hasSize(1);
        assertThat(Jsoup.parse(otherScope.resolve("index.html").toFile()).selectFirst("#forecast-summary").text())
                .isEqualTo("All forecasts");
    }

    @Test
    void everyPageLinksTheForecastPageAfterTheCharts() throws IOException {
        for (String page : PAGES) {
            assertThat(parse(page).select("nav a").eachAttr("href")).as(page)
                    .containsSubsequence("index.html", "forecast.html", "tasks.html");
        }
        assertThat(parse("forecast.html").select("nav a[aria-current=page]").text()).isEqualTo("Forecast");
        assertThat(parse("forecast.html").selectFirst("h1").text()).isEqualTo(HOSTILE_TITLE + ": Forecast");
    }

    @Test
    void theChartsPageKeepsOnlyTheWholeScopesForecastAndLinksTheRest() throws IOException {
        Document index = parse("index.html");

        assertThat(index.select("#montecarlo, #forecast-table, #howmany-table")).isEmpty();
        assertThat(index.select("h2").eachText()).doesNotContain("Monte Carlo forecasts", "Forecasts",
                "Forecast: weeks to completion").startsWith("Burnups", "Velocity");
        assertThat(index.select("img").eachAttr("src")).noneMatch(src -> src.startsWith("montecarlo_")
                || src.startsWith("forecast_"));
        Element summary = index.selectFirst("main > p#forecast-summary");
        assertThat(summary.elementSiblingIndex()).isZero();
        MonteCarloSentences.Line wholeScope = MonteCarloSentences.lines(ChartRendererTest.sampleReport().monteCarlo(),
                true, true).get(3);
        assertThat(summary.text()).isEqualTo("All categories: " + wholeScope.forecast() + ". All forecasts");
        assertThat(summary.select("a").eachAttr("href")).containsExactly("forecast.html");
    }

    @Test
    void tasksAndProjectsLinkToTheConfiguredPhabricator() throws IOException {
        assertThat(parse("tasks.html").select("#open-tasks a").eachAttr("href"))
                .containsExactly("https://phab.example.org/T1004", "https://phab.example.org/T1011", "https://phab.example.org/T1116");
        assertThat(parse("rules.html").select("ol.rules a").eachAttr("href")).containsExactly(
                "https://phab.example.org/project/view/101/", "https://phab.example.org/project/view/101/",
                "https://phab.example.org/project/view/105/", "https://phab.example.org/project/view/101/");
    }

    @Test
    void everyListedTaskShowsItsStatusOnTheListsDay() throws IOException {
        Document tasks = parse("tasks.html");
        assertThat(tasks.select("#unpointed-tasks th").eachText()).contains("Status");
        assertThat(tasks.select("#unpointed-tasks tbody tr").stream()
                .map(row -> row.select("td").get(0).text() + " " + row.select("td").get(3).text()))
                .as("an unpointed task may be resolved").containsExactly("T1011 open", "T1020 resolved");
        assertThat(tasks.select("#recently-closed tbody td:eq(3)").eachText()).containsExactly("resolved");
    }

    @Test
    void tablesAreSortableAndFilterable() throws IOException {
        Document tasks = parse("tasks.html");

        assertThat(tasks.select("table.sortable").eachAttr("id"))
                .containsExactly("open-tasks", "unpointed-tasks", "recently-closed");
        assertThat(tasks.select("input[data-filter-for]").eachAttr("data-filter-for"))
                .containsExactly("open-tasks", "unpointed-tasks", "recently-closed");
        Document forecast = parse("forecast.html");
        assertThat(forecast.select("table.sortable").eachAttr("id")).containsExactly("howmany-table", "forecast-table");
        assertThat(forecast.select("input[data-filter-for]").eachAttr("data-filter-for"))
                .containsExactly("howmany-table", "forecast-table");
        Document rules = parse("rules.html");
        assertThat(rules.select("table.sortable").eachAttr("id")).containsExactly("category-possibilities");
        assertThat(rules.select("input[data-filter-for]").eachAttr("data-filter-for"))
                .containsExactly("category-possibilities");
    }

    @Test
    void rulesReadAsSentencesInRuleOrder() throws IOException {
        assertThat(parse("rules.html").select("ol.rules li").eachText()).containsExactly(
                "Categorize as " + HOSTILE_TITLE + " all tasks in project Alpha-Team whose column contains “TR0”,"
                        + " not matched above.",
                "Categorize as Done column all tasks in project Alpha-Team whose column contains “Done”,"
                        + " not matched above, and count them as resolved.",
                "Categorize as Alpha tech debt all tasks in all of the projects Alpha-Tech-Debt, Alpha-Team,"
                        + " not matched above. Hidden: left out of the charts by default.");
    }

    @Test
    void theRulesPageListsThePossibleCategories() throws IOException {
        Document rules = parse("rules.html");

        assertThat(rules.select("#category-possibilities th").eachText())
                .containsExactly("Task-days", "Parent category title", "Project", "Column");
        assertThat(rules.select("#category-possibilities tbody tr").eachText()).containsExactly(
                "563 Faster page loads on mobile Alpha-Team Backlog", "37 " + HOSTILE_TITLE + " Alpha-Team",
                "1200 Alpha-Team TR1 Backlog");
        assertThat(rules.select("#category-possibilities th").first().attr("data-type")).isEqualTo("number");
        assertThat(rules.select("a[href=data/category_possibilities.txt]")).hasSize(1);
        assertThat(rules.select("h2").eachText()).contains("Possible categories (3)");
    }

    /** The sample report with other Monte Carlo forecasts. */
    private static ScopeReport withMonteCarlo(List<MonteCarloForecast> monteCarlo) {
        ScopeReport r = ChartRendererTest.sampleReport();
        return r.withForecastsAndFlow(monteCarlo, List.of(), r.flow());
    }

    private static void render(ScopeReport report, Path dir) throws IOException {
        new PageRenderer(new ReportTemplates()).render(report, List.of(), dir);
    }

    private static Element section(Document page, String heading) {
        return page.select("section").stream()
                .filter(section -> section.selectFirst("h2").text().equals(heading))
                .findFirst().orElseThrow();
    }

    private Document parse(String page) throws IOException {
        return Jsoup.parse(scopeDir.resolve(page).toFile());
    }
}
