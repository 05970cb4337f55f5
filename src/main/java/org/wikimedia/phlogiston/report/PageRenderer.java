package org.wikimedia.phlogiston.report;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.report.ScopeReport.TaskLine;
import org.wikimedia.phlogiston.report.forecast.ForecastTableRow;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecast;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecaster;
import org.wikimedia.phlogiston.scope.CategoryRule.Display;
import org.wikimedia.phlogiston.scope.CategoryRule.RuleType;
import org.wikimedia.phlogiston.scope.ResolvedRule;

/**
 * Writes a scope's pages from the templates of {@code html/}: {@code index.html} (charts, the whole scope's
 * forecast), {@code forecast.html} (the Monte Carlo and 3-point forecasts: sentences, "how many", charts, table),
 * {@code tasks.html} (task lists) and {@code rules.html} (the rules in words), with the stylesheet and table script
 * beside them. The pages link only to each other, to their charts, to {@code data/} and to Phabricator, so they work
 * opened from disk.
 */
@Component
public class PageRenderer {

    static final String STYLESHEET = "report.css";
    static final String TABLE_SCRIPT = "table.js";
    /** The chart groups forecast.html shows, in its order, and index.html does not: the Monte Carlo charts first. */
    static final List<Chart.Group> FORECAST_PAGE_GROUPS = List.of(Chart.Group.MONTE_CARLO, Chart.Group.FORECAST);
    private static final DateTimeFormatter REPORT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** The date row every page starts with. */
    public record Header(String scopeTitle, String latestData, String generatedAt, boolean hasStatusReport) {
    }

    public record ChartSection(String heading, List<Chart> charts) {
    }

    /** The charts page; {@code wholeScope} is the whole scope's Monte Carlo line, null without one. */
    public record IndexPage(Header header, List<ChartSection> sections, MonteCarloSentences.Line wholeScope) {
    }

    /**
     * How the Monte Carlo trials were run, for reading their numbers: the weeks drawn from (the longest window;
     * {@code shorterWindows} when a younger category drew from fewer), the horizon in words ("two years") and the
     * trials per category and measure.
     */
    public record MonteCarloReading(int windowWeeks, boolean shorterWindows, String horizon, int trials) {
    }

    /** A row of the "how many" table: the work done by the target date in at least 50%, 85% and 95% of trials. */
    public record HowManyRow(String category, String measure, List<Long> doneInAtLeast) {
    }

    /**
     * The forecast page; {@code reading} and {@code targetDate} are null when the scope has no Monte Carlo
     * forecast. {@code percents} heads the columns of the "how many" rows.
     */
    public record ForecastPage(Header header, List<MonteCarloSentences.Line> monteCarlo, MonteCarloReading reading,
                               String targetDate, List<Integer> percents, List<HowManyRow> howMany,
                               List<ChartSection> sections, List<ForecastTableRow> forecasts, boolean showPoints,
                               boolean showCount) {
    }

    public record TaskRow(int id, String url, String title, String category, String status, Integer points,
                          String since, String changed) {
    }

    /** A task table; {@code id} is its HTML id, which its filter box refers to. */
    public record TaskTable(String id, String heading, String description, String changedHeading,
                            List<TaskRow> tasks) {
    }

    public record TasksPage(Header header, List<TaskTable> tables) {
    }

    public record Link(String text, String url) {
    }

    /**
     * A rule as a sentence: "Categorize as {@code category} all tasks in {@code projectsIntro} {@code projects}
     * {@code condition}, not matched above", or "Leave out…" when the rule omits its tasks.
     */
    public record RuleLine(boolean omit, String category, boolean hidden, String projectsIntro, List<Link> projects,
                           String condition, String forceStatus) {
    }

    /** A row of the list of possible categories; a missing title, project or column is empty. */
    public record PossibilityRow(long count, String categoryTitle, String project, String projectColumn) {
    }

    public record RulesPage(Header header, List<RuleLine> rules, List<PossibilityRow> possibilities) {
    }

    public record StatusRow(int id, String url, String title, String category, int categoryOrder, String scope,
                            String status, String points) {
    }

    /** A status report table; {@code id} is its HTML id, which its filter box refers to. */
    public record StatusTable(String id, String heading, String start, String end, List<StatusRow> tasks) {
    }

    public record StatusPage(Header header, List<StatusTable> tables) {
    }

    private final ReportTemplates templates;

    public PageRenderer(ReportTemplates templates) {
        this.templates = templates;
    }

    public void render(ScopeReport report, List<Chart> charts, Path dir) throws IOException {
        Files.createDirectories(dir);
        Header header = new Header(report.title(), report.latestData().toString(), reportTime(report.generatedAt()),
                !report.statusReports().isEmpty());
        PhabricatorLinks phabricator = new PhabricatorLinks(report.phabricatorUrl());
        write(dir, "index.html", "index.ftlh", new IndexPage(header, chartSections(Arrays.stream(Chart.Group.values())
                .filter(group -> !FORECAST_PAGE_GROUPS.contains(group)).toList(), charts),
                wholeScopeLine(report)));
        write(dir, "forecast.html", "forecast.ftlh", new ForecastPage(header,
                MonteCarloSentences.lines(report.monteCarlo(), report.showPoints(), report.showCount()),
                monteCarloReading(report.monteCarlo()), targetDate(report.monteCarlo()),
                Arrays.stream(MonteCarloForecast.PERCENTS).boxed().toList(), howManyRows(report),
                chartSections(FORECAST_PAGE_GROUPS, charts), report.forecastTable(), report.showPoints(),
                report.showCount()));
        if (header.hasStatusReport()) {
            write(dir, "status.html", "status.ftlh", new StatusPage(header, IntStream.range(0, report.statusReports().size())
                    .mapToObj(i -> statusTable("status-" + (i + 1), report.statusReports().get(i), phabricator))
                    .toList()));
        }
        write(dir, "tasks.html", "tasks.ftlh", new TasksPage(header, List.of(
                new TaskTable("open-tasks", "Open tasks", "Every open task in the scope. Last changed: the day of the "
                        + "task's last status, column or project change in Phabricator, on any board.", "Last changed",
                        taskRows(report.openTasks(), phabricator)),
                new TaskTable("unpointed-tasks", "Unpointed tasks", "Tasks of the scope on the latest day, open or "
                        + "resolved, that have no story points in Phabricator (default points do not count).",
                        "Last changed", taskRows(report.unpointedTasks(), phabricator)),
                new TaskTable("recently-closed", "Recently closed", "Tasks resolved in the last 14 days.", "Closed",
                        taskRows(report.recentlyClosed(), phabricator)))));
        write(dir, "rules.html", "rules.ftlh", new RulesPage(header, report.rules().stream()
                .sorted(Comparator.comparingInt(ResolvedRule::sortOrder))
                .map(rule -> ruleLine(rule, phabricator))
                .toList(), report.categoryPossibilities().stream()
                .map(row -> new PossibilityRow(row.count(), nonNull(row.categoryTitle()), nonNull(row.project()),
                        nonNull(row.projectColumn())))
                .toList()));
        templates.copyAsset(STYLESHEET, dir);
        templates.copyAsset(TABLE_SCRIPT, dir);
    }

    static String reportTime(Instant instant) {
        return REPORT_TIME.format(instant);
    }

    private void write(Path dir, String fileName, String template, Object page) throws IOException {
        Files.writeString(dir.resolve(fileName), templates.render(template, Map.of("page", page)),
                StandardCharsets.UTF_8);
    }

    /** The sections of the groups, in the order given, without the empty ones. */
    private static List<ChartSection> chartSections(List<Chart.Group> groups, List<Chart> charts) {
        return groups.stream()
                .map(group -> new ChartSection(group.heading(),
                        charts.stream().filter(chart -> chart.group() == group).toList()))
                .filter(section -> !section.charts().isEmpty())
                .toList();
    }

    /** The whole scope's line, "All categories: …"; null without a forecast of the whole scope. */
    private static MonteCarloSentences.Line wholeScopeLine(ScopeReport report) {
        List<MonteCarloSentences.Line> lines = MonteCarloSentences.lines(report.monteCarlo().stream()
                .filter(forecast -> forecast.category().equals(MonteCarloForecaster.WHOLE_SCOPE))
                .toList(), report.showPoints(), report.showCount());
        return lines.isEmpty() ? null : lines.get(0);
    }

    /** The settings the trials ran with; the whole scope's window is the longest, a younger category's shorter. */
    private static MonteCarloReading monteCarloReading(List<MonteCarloForecast> forecasts) {
        if (forecasts.isEmpty()) {
            return null;
        }
        IntSummaryStatistics windows = forecasts.stream().mapToInt(forecast -> forecast.window().weeks())
                .summaryStatistics();
        MonteCarloForecast any = forecasts.get(0);
        return new MonteCarloReading(windows.getMax(), windows.getMin() < windows.getMax(),
                MonteCarloSentences.duration(any.horizonWeeks()), any.simulation().trials());
    }

    /** Every forecast of a report aims at the scope's one target date. */
    private static String targetDate(List<MonteCarloForecast> forecasts) {
        return forecasts.isEmpty() ? null : forecasts.get(0).targetDate().toString();
    }

    /** The numbers of forecast_howmany.csv, from the same methods, for the measures shown. */
    private static List<HowManyRow> howManyRows(ScopeReport report) {
        return report.monteCarlo().stream()
                .filter(forecast -> MonteCarloSentences.shown(forecast, report.showPoints(), report.showCount()))
                .map(forecast -> new HowManyRow(MonteCarloSentences.categoryName(forecast.category()),
                        forecast.measure().fileName(), Arrays.stream(MonteCarloForecast.PERCENTS)
                                .mapToObj(percent -> forecast.simulation().doneByTarget(percent)).toList()))
                .toList();
    }

    private static List<TaskRow> taskRows(List<TaskLine> tasks, PhabricatorLinks phabricator) {
        return tasks.stream()
                .map(task -> new TaskRow(task.id(), phabricator.task(task.id()), task.title(), task.category(),
                        task.status(), task.points(), text(task.since()), text(task.changed())))
                .toList();
    }

    private static StatusTable statusTable(String id, StatusReport report, PhabricatorLinks phabricator) {
        return new StatusTable(id, report.title(), report.start().toString(), report.end().toString(),
                report.lines().stream()
                        .map(line -> new StatusRow(line.id(), phabricator.task(line.id()), line.title(), line.category(),
                                line.sortOrder(), line.scope(), line.status(), line.points()))
                        .toList());
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }

    private static String text(LocalDate date) {
        return date == null ? "" : date.toString();
    }

    private static RuleLine ruleLine(ResolvedRule rule, PhabricatorLinks phabricator) {
        List<Link> projects = IntStream.range(0, rule.projectIds().size())
                .mapToObj(i -> new Link(i < rule.projectNames().size() ? rule.projectNames().get(i)
                        : "#" + rule.projectIds().get(i), phabricator.project(rule.projectIds().get(i))))
                .toList();
        String match = "“" + (rule.matchString() == null ? "" : rule.matchString()) + "”";
        String condition = switch (rule.type()) {
            case PROJECT_COLUMN -> "whose column contains " + match;
            case PARENT_TASK -> "that descend from a task whose title contains " + match;
            case PROJECT_BY_ID, PROJECT_BY_NAME, PROJECTS_BY_WILDCARD, INTERSECTION -> "";
        };
        String projectsIntro = rule.type() == RuleType.INTERSECTION
                ? "all of the projects" : projects.size() == 1 ? "project" : "the projects";
        String forceStatus = rule.forceStatus() == null || rule.forceStatus().isBlank() ? null : rule.forceStatus();
        return new RuleLine(rule.display() == Display.OMIT, rule.title(), rule.display() == Display.HIDE,
                projectsIntro, projects, condition, forceStatus);
    }

    /** Links into the Phabricator instance the data came from; its address is configuration. */
    private record PhabricatorLinks(String base) {

        PhabricatorLinks(URI base) {
            this(base.toString().replaceAll("/+$", ""));
        }

        String task(int id) {
            return base + "/T" + id;
        }

        String project(int id) {
            return base + "/project/view/" + id + "/";
        }
    }
}
