package org.wikimedia.phlogiston.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.PhlogistonProperties;
import org.wikimedia.phlogiston.database.SqlFiles;
import org.wikimedia.phlogiston.history.HistoryFreshness;
import org.wikimedia.phlogiston.publish.PublishException;
import org.wikimedia.phlogiston.publish.ReportPublisher;
import org.wikimedia.phlogiston.scope.LoadedProjects;
import org.wikimedia.phlogiston.scope.ResolvedScope;
import org.wikimedia.phlogiston.scope.Scope;
import org.wikimedia.phlogiston.scope.ScopeFiles;
import org.wikimedia.phlogiston.scope.ScopeResolver;

/**
 * The steps of a report run. Each reads its input from what outlives the process: the job's execution context (the
 * day of the report, its draft's version, and what the scope's files and history were when it began), the report
 * tables that the steps before it wrote, and the files they left in the draft ({@link StepFiles}). So a report that is
 * a stage of a {@code phlogiston run} keeps its draft when it fails, and the run's restart, in a new process, goes on
 * from the step that failed, once it has checked that the scope's files and history are those the earlier steps read
 * (if not, it deletes the draft and refuses, asking for a new report). A report that cannot be restarted (one of
 * {@code phlogiston report}) deletes its draft when it fails.
 */
@Component
class ReportSteps implements JobExecutionListener {

    static final String SCOPE = "scope";
    /** The run (its job instance) whose stage a report is: its restart restarts the report. */
    static final String RUN = "run";

    // Keys of the job's execution context, all text: its whole numbers are the job's counts (see the run history).
    /**
     * The day the report is made on, by the one clock: read once, so that a run crossing midnight, or restarted
     * another day, agrees with itself.
     */
    private static final String AS_OF = "asOf";
    private static final String DRAFT = "draft";
    private static final String SCOPE_FILES = "scopeFiles";
    private static final String HISTORY = "history";

    private static final Logger log = LoggerFactory.getLogger(ReportSteps.class);

    /** What the steps before this one left: the scope, the day and the draft. */
    private record Run(String prefix, LocalDate asOf, ReportPublisher.Draft draft) {
    }

    private final ScopeFiles files;
    private final ScopeResolver resolver;
    private final LoadedProjects projects;
    private final HistoryFreshness freshness;
    private final Recategorizer recategorizer;
    private final ScopeReportBuilder builder;
    private final StepFiles stepFiles;
    private final DataFiles dataFiles;
    private final ChartRenderer charts;
    private final PageRenderer pages;
    private final SiteIndex siteIndex;
    private final ReportPublisher publisher;
    private final PhlogistonProperties properties;
    private final Clock clock;
    private final JdbcTemplate jdbc;

    ReportSteps(ScopeFiles files, ScopeResolver resolver, LoadedProjects projects, HistoryFreshness freshness,
                Recategorizer recategorizer, ScopeReportBuilder builder, StepFiles stepFiles, DataFiles dataFiles,
                ChartRenderer charts, PageRenderer pages, SiteIndex siteIndex, ReportPublisher publisher,
                PhlogistonProperties properties, Clock clock, JdbcTemplate jdbc) {
        this.files = files;
        this.resolver = resolver;
        this.projects = projects;
        this.freshness = freshness;
        this.recategorizer = recategorizer;
        this.builder = builder;
        this.stepFiles = stepFiles;
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
        ExecutionContext context = job.getExecutionContext();
        if (!context.containsKey(AS_OF)) { // a restart has the context of the execution it restarts
            context.putString(AS_OF, LocalDate.now(clock.withZone(properties.timeZone())).toString());
        }
    }

    @Override
    public void afterJob(JobExecution job) {
        ExecutionContext context = job.getExecutionContext();
        boolean restartable = job.getJobParameters().getLong(RUN) != null;
        if (job.getStatus() != BatchStatus.COMPLETED && !restartable && context.containsKey(DRAFT)) {
            publisher.discardDraft(job.getJobParameters().getString(SCOPE), context.getString(DRAFT));
        }
    }

    RepeatStatus recategorize(StepContribution contribution, ChunkContext chunk) {
        String prefix = chunk.getStepContext().getStepExecution().getJobParameters().getString(SCOPE);
        ResolvedScope scope = resolve(prefix);
        // Before anything is written: a refused report leaves the report tables, the published report and the draft
        // of an earlier run that failed as they were.
        freshness.requireReportable(scope);
        ExecutionContext context = jobContext(chunk);
        context.putString(DRAFT, publisher.start(prefix).version());
        context.putString(SCOPE_FILES, filesFingerprint(scope.scope()));
        context.putString(HISTORY, historyVersion(prefix));
        long taskDays = recategorizer.recategorize(scope);
        log.info("{}: {} task-days recategorized", prefix, "%,d".formatted(taskDays));
        context.putLong("taskDays", taskDays);
        return RepeatStatus.FINISHED;
    }

    RepeatStatus aggregate(StepContribution contribution, ChunkContext chunk) {
        Run run = run(chunk);
        int rows = recategorizer.aggregate(run.prefix(), files.read(run.prefix()).settings(), run.asOf());
        log.info("{}: {} sums per day, category and status", run.prefix(), "%,d".formatted(rows));
        return RepeatStatus.FINISHED;
    }

    RepeatStatus velocity(StepContribution contribution, ChunkContext chunk) throws IOException {
        Run run = run(chunk);
        stepFiles.writeVelocity(run.draft(), builder.velocity(resolve(run.prefix()), run.asOf()));
        return RepeatStatus.FINISHED;
    }

    RepeatStatus lists(StepContribution contribution, ChunkContext chunk) throws IOException {
        Run run = run(chunk);
        stepFiles.writeReport(run.draft(),
                builder.lists(resolve(run.prefix()), run.asOf(), stepFiles.velocity(run.draft())));
        return RepeatStatus.FINISHED;
    }

    RepeatStatus data(StepContribution contribution, ChunkContext chunk) throws IOException {
        Run run = run(chunk);
        dataFiles.write(stepFiles.report(run.draft()), run.asOf(), run.draft().dir().resolve("data"));
        return RepeatStatus.FINISHED;
    }

    RepeatStatus charts(StepContribution contribution, ChunkContext chunk) throws IOException {
        Run run = run(chunk);
        List<Chart> drawn = charts.render(stepFiles.report(run.draft()), run.draft().dir());
        stepFiles.writeCharts(run.draft(), drawn);
        jobContext(chunk).putLong("charts", drawn.size());
        return RepeatStatus.FINISHED;
    }

    RepeatStatus pages(StepContribution contribution, ChunkContext chunk) throws IOException {
        Run run = run(chunk);
        pages.render(stepFiles.report(run.draft()), stepFiles.charts(run.draft()), run.draft().dir());
        return RepeatStatus.FINISHED;
    }

    RepeatStatus publish(StepContribution contribution, ChunkContext chunk) {
        Run run = run(chunk);
        run.draft().publish();
        try {
            publisher.writeSiteFile("index.html", () -> siteIndex.render(publishedScopes()));
        } catch (RuntimeException e) {
            // The report is published; a site index that could not be rewritten is worth a warning, not a failure.
            log.warn("{}: report published, but the site index could not be updated: {}", run.prefix(), e.getMessage());
        }
        log.info("{}: report published in {}", run.prefix(), properties.outputDir().resolve(run.prefix()));
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

    /**
     * What the steps before this one left. When this step is the first of a restart, it first checks that the scope's
     * files and history are still those the earlier steps read: a restart goes on from their results, and must not
     * publish them mixed with results of other data.
     */
    private Run run(ChunkContext chunk) {
        StepExecution step = chunk.getStepContext().getStepExecution();
        ExecutionContext context = step.getJobExecution().getExecutionContext();
        String prefix = step.getJobParameters().getString(SCOPE);
        // A restart skips the steps done before without executing them again: this one is its first.
        if (step.getJobExecution().getStepExecutions().size() == 1) {
            requireUnchangedSinceStart(prefix, context);
        }
        try {
            return new Run(prefix, LocalDate.parse(context.getString(AS_OF)),
                    publisher.draft(prefix, context.getString(DRAFT)));
        } catch (PublishException e) {
            throw cannotGoOn(prefix, e.getMessage());
        }
    }

    /** Refuses to go on, deleting the draft, when the scope's files or history changed since the report began. */
    private void requireUnchangedSinceStart(String prefix, ExecutionContext context) {
        ResolvedScope scope = resolve(prefix);
        Optional<String> why = freshness.whyNotReportable(scope)
                .or(() -> filesFingerprint(scope.scope()).equals(context.getString(SCOPE_FILES)) ? Optional.empty()
                        : Optional.of("the files of scope " + prefix + " in " + scope.scope().directory()
                                + " have changed since it began"))
                .or(() -> historyVersion(prefix).equals(context.getString(HISTORY)) ? Optional.empty()
                        : Optional.of("the history of " + prefix + " has been reconstructed since it began"));
        if (why.isPresent()) {
            publisher.discardDraft(prefix, context.getString(DRAFT));
            throw cannotGoOn(prefix, why.get());
        }
    }

    private static IllegalStateException cannotGoOn(String prefix, String why) {
        return new IllegalStateException(("this report of %s cannot go on from the step that failed: %s. Make a new "
                + "report instead: `phlogiston report --scope %s` (or `phlogiston run --mode reports --scope %s`)")
                .formatted(prefix, why, prefix, prefix));
    }

    private ResolvedScope resolve(String prefix) {
        return resolver.resolve(files.read(prefix), projects.namesById());
    }

    /** The scope's files as they are now, in one value: the name and SHA-256 of each file in its folder. */
    private static String filesFingerprint(Scope scope) {
        try (Stream<Path> entries = Files.list(scope.directory())) {
            StringBuilder fingerprint = new StringBuilder();
            for (Path file : entries.filter(Files::isRegularFile).sorted().toList()) {
                fingerprint.append(file.getFileName()).append(' ').append(sha256(Files.readAllBytes(file))).append('\n');
            }
            return sha256(fingerprint.toString().getBytes(UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the files of scope " + scope.prefix(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** Which reconstruction of the scope's history is stored now (sql/report/history_version.sql). */
    private String historyVersion(String prefix) {
        return jdbc.queryForList(SqlFiles.read("sql/report/history_version.sql"), String.class, prefix).stream()
                .findFirst().orElse("none");
    }

    /** Where the job keeps what its steps hand on, and its counts, for the run history. */
    private static ExecutionContext jobContext(ChunkContext chunk) {
        return chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
    }
}
