package org.wikimedia.phlogiston.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.PhlogistonProperties;
import org.wikimedia.phlogiston.database.SqlFiles;
import org.wikimedia.phlogiston.history.HistoryFreshness;
import org.wikimedia.phlogiston.publish.ReportPublisher;
import org.wikimedia.phlogiston.scope.LoadedProjects;
import org.wikimedia.phlogiston.scope.ResolvedScope;
import org.wikimedia.phlogiston.scope.ScopeFiles;
import org.wikimedia.phlogiston.scope.ScopeResolver;

/**
 * The steps of a report run. What one step hands the next (the scope, the computed report, the draft folder, the
 * charts) stays in memory for the run, keyed by its job execution; a run that fails drops its draft.
 */
@Component
class ReportSteps implements JobExecutionListener {

    static final String SCOPE = "scope";

    private static final Logger log = LoggerFactory.getLogger(ReportSteps.class);

    /** What a run has made so far. */
    private static final class Run {
        /** The day the report is made on, by the one clock: read once, so that a run crossing midnight agrees. */
        LocalDate asOf;
        ResolvedScope scope;
        ScopeReportBuilder.Velocity velocity;
        ScopeReport report;
        ReportPublisher.Draft draft;
        List<Chart> charts;
    }

    private final Map<Long, Run> runs = new ConcurrentHashMap<>();
    private final ScopeFiles files;
    private final ScopeResolver resolver;
    private final LoadedProjects projects;
    private final HistoryFreshness freshness;
    private final Recategorizer recategorizer;
    private final ScopeReportBuilder builder;
    private final DataFiles dataFiles;
    private final ChartRenderer charts;
    private final PageRenderer pages;
    private final SiteIndex siteIndex;
    private final ReportPublisher publisher;
    private final PhlogistonProperties properties;
    private final Clock clock;
    private final JdbcTemplate jdbc;

    ReportSteps(ScopeFiles files, ScopeResolver resolver, LoadedProjects projects, HistoryFreshness freshness,
                Recategorizer recategorizer,
                ScopeReportBuilder builder, DataFiles dataFiles, ChartRenderer charts, PageRenderer pages, SiteIndex siteIndex,
                ReportPublisher publisher, PhlogistonProperties properties, Clock clock, JdbcTemplate jdbc) {
        this.files = files;
        this.resolver = resolver;
        this.projects = projects;
        this.freshness = freshness;
        this.recategorizer = recategorizer;
        this.builder = builder;
        this.dataFiles = dataFiles;
        this.charts = charts;
        this.pages = pages;
        this.siteIndex = siteIndex;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    @Override
    public void beforeJob(JobExecution job) {
        Run run = new Run();
        run.asOf = LocalDate.now(clock.withZone(properties.timeZone()));
        runs.put(job.getId(), run);
    }

    @Override
    public void afterJob(JobExecution job) {
        Run run = runs.remove(job.getId());
        if (run != null && run.draft != null) {
            run.draft.close(); // deletes the draft unless it was published
        }
    }

    RepeatStatus recategorize(StepContribution contribution, ChunkContext chunk) {
        Run run = run(chunk);
        String prefix = chunk.getStepContext().getStepExecution().getJobParameters().getString(SCOPE);
        run.scope = resolver.resolve(files.read(prefix), projects.namesById());
        // Before anything is written: a refused report leaves the report tables and the published report as they were.
        freshness.requireReportable(run.scope);
        long taskDays = recategorizer.recategorize(run.scope);
        log.info("{}: {} task-days recategorized", prefix, "%,d".formatted(taskDays));
        jobContext(chunk).putLong("taskDays", taskDays);
        return RepeatStatus.FINISHED;
    }

    RepeatStatus aggregate(StepContribution contribution, ChunkContext chunk) {
        Run run = run(chunk);
        int rows = recategorizer.aggregate(run.scope.scope().prefix(), run.scope.scope().settings(), run.asOf);
        log.info("{}: {} sums per day, category and status", run.scope.scope().prefix(), "%,d".formatted(rows));
        return RepeatStatus.FINISHED;
    }

    RepeatStatus velocity(StepContribution contribution, ChunkContext chunk) {
        Run run = run(chunk);
        run.velocity = builder.velocity(run.scope, run.asOf);
        return RepeatStatus.FINISHED;
    }

    RepeatStatus lists(StepContribution contribution, ChunkContext chunk) {
        Run run = run(chunk);
        run.report = builder.lists(run.scope, run.asOf, run.velocity);
        run.draft = publisher.start(run.report.scope());
        return RepeatStatus.FINISHED;
    }

    RepeatStatus data(StepContribution contribution, ChunkContext chunk) throws IOException {
        Run run = run(chunk);
        dataFiles.write(run.report, run.asOf, Files.createDirectories(run.draft.dir().resolve("data")));
        return RepeatStatus.FINISHED;
    }

    RepeatStatus charts(StepContribution contribution, ChunkContext chunk) throws IOException {
        Run run = run(chunk);
        run.charts = charts.render(run.report, run.draft.dir());
        jobContext(chunk).putLong("charts", run.charts.size());
        return RepeatStatus.FINISHED;
    }

    RepeatStatus pages(StepContribution contribution, ChunkContext chunk) throws IOException {
        Run run = run(chunk);
        pages.render(run.report, run.charts, run.draft.dir());
        return RepeatStatus.FINISHED;
    }

    RepeatStatus publish(StepContribution contribution, ChunkContext chunk) throws IOException {
        Run run = run(chunk);
        run.draft.publish();
        try {
            publisher.writeSiteFile("index.html", () -> siteIndex.render(publishedScopes()));
        } catch (RuntimeException e) {
            // The report is published; a site index that could not be rewritten is worth a warning, not a failure.
            log.warn("{}: report published, but the site index could not be updated: {}", run.report.scope(), e.getMessage());
        }
        log.info("{}: report published in {}", run.report.scope(), properties.outputDir().resolve(run.report.scope()));
        return RepeatStatus.FINISHED;
    }

    /** Every scope with a published report, for the site index. */
    private List<SiteIndex.SiteEntry> publishedScopes() {
        Map<String, LocalDate> lastDays = new HashMap<>();
        jdbc.query(SqlFiles.read("sql/report/site_index.sql"), rs -> {
            lastDays.put(rs.getString("scope"), rs.getDate("last_day").toLocalDate());
        });
        return files.prefixes().stream()
                .filter(prefix -> publisher.current(prefix).isPresent())
                .map(prefix -> siteEntry(prefix, lastDays.get(prefix)))
                .toList();
    }

    private SiteIndex.SiteEntry siteEntry(String prefix, LocalDate latestData) {
        Path page = properties.outputDir().resolve(prefix).resolve("index.html");
        String title = prefix;
        try {
            title = files.read(prefix).settings().scopeTitle();
        } catch (RuntimeException e) {
            log.warn("{}: its files cannot be read ({}); listed by its name", prefix, e.getMessage());
        }
        try {
            return new SiteIndex.SiteEntry(prefix, title, latestData, Files.getLastModifiedTime(page).toInstant());
        } catch (IOException e) {
            return new SiteIndex.SiteEntry(prefix, title, latestData, clock.instant());
        }
    }

    /** Where the job keeps its counts, for the run history. */
    private static ExecutionContext jobContext(ChunkContext chunk) {
        return chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
    }

    private Run run(ChunkContext chunk) {
        return runs.get(chunk.getStepContext().getStepExecution().getJobExecution().getId());
    }
}
