package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikimedia.phlogiston.report.ChartRendererTest.HOSTILE_TITLE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageRendererTest {

    private static final List<String> PAGES = List.of("index.html", "tasks.html", "rules.html");
    /** The original's names of the CSVs behind the charts, which another part of the report writes. */
    /** The data files the charts link to, which DataFiles writes (tested there); here they only need to exist. */
    private static final List<String> DATA_FILES = List.of("burn_done.csv", "burn_done_lastq.csv", "burn_open.csv",
            "burn_done_showhidden.csv", "burn_done_showhidden_lastq.csv", "burn_open_showhidden.csv", "forecast.csv",
            "tranche_velocity.csv", "tranche_velocity_points.csv", "tranche_velocity_count.csv",
            "recently_closed_week.csv", "recently_closed_month.csv", "recently_closed_quarter.csv",
            "maintenance_proportion.csv", "maintenance_fraction.csv", "maintenance_fraction_total_by_points.csv",
            "maintenance_fraction_total_by_count.csv", "points_histogram.csv", "category_possibilities.txt",
            "forecast_montecarlo.csv", "forecast_howmany.csv", "forecast_montecarlo_history.csv");

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
                r.maintenance(), r.pointsHistogram(), r.categoryPossibilities(), r.monteCarlo(), r.flow());
        new PageRenderer(new ReportTemplates()).render(withStatus, List.of(), otherScope);

        for (String page : List.of("index.html", "tasks.html", "rules.html", "status.html")) {
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

        assertThat(index.select("h2").eachText()).startsWith("Burnups", "Forecasts", "Velocity");
        Element burnup = index.selectFirst("figure:has(img[src=burnup_points.png])");
        assertThat(burnup.selectFirst("img").attr("alt")).startsWith("Stacked areas of work in points");
        assertThat(burnup.select("a").eachAttr("href")).containsExactly("data/burn_done.csv", "data/burn_open.csv");
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
        assertThat(parse("index.html").select("input[data-filter-for=forecast-table]")).hasSize(1);
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

    private Document parse(String page) throws IOException {
        return Jsoup.parse(scopeDir.resolve(page).toFile());
    }
}
