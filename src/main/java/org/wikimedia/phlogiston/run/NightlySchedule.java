package org.wikimedia.phlogiston.run;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;

import javax.imageio.ImageIO;

import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.ErrorMessages;
import org.wikimedia.phlogiston.runcontrol.LockHeldException;
import org.wikimedia.phlogiston.scope.ScopeFiles;

/**
 * The schedule of {@code phlogiston serve}: a Quartz cron trigger that makes a run at each of its times. Each
 * process keeps its trigger in memory. When several processes share the database, the time a run was scheduled for
 * identifies it in the job repository: the process that comes second finds the run made, or its locks held while it
 * is being made, and skips it.
 */
@Component
public class NightlySchedule {

    /** The job data entry holding the {@link RunRequest} of every run. */
    static final String REQUEST = "request";

    private static final Logger log = LoggerFactory.getLogger(NightlySchedule.class);

    /** Quartz, in the application of {@code serve} only: the other commands start faster without it. */
    private final ObjectProvider<Scheduler> scheduler;
    private final PipelineRun pipelineRun;
    private final ScopeFiles scopeFiles;

    public NightlySchedule(ObjectProvider<Scheduler> scheduler, PipelineRun pipelineRun, ScopeFiles scopeFiles) {
        this.scheduler = scheduler;
        this.pipelineRun = pipelineRun;
        this.scopeFiles = scopeFiles;
    }

    /**
     * Makes the run {@code request} asks for at each time of {@code cron} in {@code zone}, from now on, one at a
     * time. A request without scopes runs every scope of the scopes dir as it is at the time of the run.
     *
     * @return the time of the first run
     * @throws IllegalArgumentException if the cron expression or the request is wrong, with the reason
     */
    public Instant start(RunRequest request, String cron, ZoneId zone) {
        CronExpression times = cronExpression(cron);
        times.setTimeZone(TimeZone.getTimeZone(zone));
        requireScopes(request);
        PipelineRun.validate(withScopes(request));
        // The charts are written through ImageIO, whose disk cache closes its streams in a JVM shutdown hook (and
        // registers the hook at first use, which fails once shutdown has begun): a run that goes on after SIGTERM,
        // as the schedule lets it, would lose its report. The charts are small enough for memory.
        ImageIO.setUseCache(false);
        JobDetail job = JobBuilder.newJob(NightlyRunJob.class).withIdentity("run", "phlogiston")
                .usingJobData(new JobDataMap(Map.of(REQUEST, request))).build();
        // A time missed by more than Quartz's misfire threshold (the machine was asleep, or the previous run lasted
        // until the next time) is skipped rather than run late: run late, it would be identified by another time,
        // and another process that made the run on time would not recognize it.
        Trigger trigger = TriggerBuilder.newTrigger().forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule(times).withMisfireHandlingInstructionDoNothing())
                .build();
        try {
            Scheduler quartz = scheduler.getObject();
            Instant first = quartz.scheduleJob(job, trigger).toInstant();
            quartz.start();
            return first;
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not start the schedule: " + e.getMessage(), e);
        }
    }

    /**
     * Stops the schedule once the run in progress, if any, is done. Also called as the application closes (which
     * Spring's shutdown hook does on SIGTERM), before the database the run needs closes with it. Synchronized since
     * Quartz returns at once to a second caller while the first waits.
     */
    @EventListener(ContextClosedEvent.class)
    public synchronized void stop() {
        Scheduler quartz = scheduler.getIfAvailable();
        try {
            if (quartz == null || !quartz.isStarted() || quartz.isShutdown()) {
                return;
            }
            if (!quartz.getCurrentlyExecutingJobs().isEmpty()) {
                log.info("Stopping the schedule once the run in progress is done");
            }
            quartz.shutdown(true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not stop the schedule: " + e.getMessage(), e);
        }
    }

    /**
     * Makes the run the schedule fired for {@code scheduledAt} and logs how it went.
     *
     * @return how the run ended, or that another process made it already; empty when it could not start (another
     *         run holds its locks, or an error), which the log explains
     */
    public Optional<RunResult> fire(RunRequest request, Instant scheduledAt) {
        try {
            RunRequest run = withScopes(request);
            log.info("Run of {}: starting (mode {}, {}; scopes {})", scheduledAt, run.mode().cliName(),
                    run.load() ? "loading a fresher dump first if there is one" : "without loading",
                    String.join(", ", run.scopes()));
            RunResult result = pipelineRun.run(run, scheduledAt);
            if (result.runId() == null) {
                log.info("Run of {}: skipped, another process on this database has made it or is making it", scheduledAt);
                result.lines().forEach(line -> log.debug("Run of {}: {}", scheduledAt, line));
                return Optional.of(result);
            }
            result.lines().forEach(line -> log.info("Run of {}: {}", scheduledAt, line));
            if (result.succeeded()) {
                log.info("Run of {}: done, every report is up to date", scheduledAt);
            } else {
                log.warn("Run of {}: some stages failed (see above); the reports they would have updated are as they "
                        + "were", scheduledAt);
            }
            return Optional.of(result);
        } catch (LockHeldException e) {
            log.warn("Run of {}: skipped, because another run holds what it needs: {}", scheduledAt, e.getMessage());
        } catch (RuntimeException e) {
            // The schedule goes on: the cause (a database down, a scopes dir gone) may be gone by the next time.
            log.error("Run of {}: could not start: {}", scheduledAt, ErrorMessages.of(e));
        }
        return Optional.empty();
    }

    /** The request with its scopes: those it names, or every scope of the scopes dir now. */
    private RunRequest withScopes(RunRequest request) {
        if (!request.scopes().isEmpty()) {
            return request;
        }
        return new RunRequest(request.mode(), request.load(), scopeFiles.prefixes(), request.dumpSource(),
                request.lockWait());
    }

    /**
     * Refuses, before the first run, the scopes that the scopes dir does not have: a wrong name would otherwise show
     * only at night. Later, a scope gone fails its own stages only, not the run.
     */
    private void requireScopes(RunRequest request) {
        List<String> existing = scopeFiles.prefixes();
        List<String> missing = request.scopes().stream().filter(scope -> !existing.contains(scope)).toList();
        if (existing.isEmpty() || !missing.isEmpty()) {
            throw new IllegalArgumentException("there is no scope " + (missing.isEmpty() ? "" : String.join(", ", missing) + " ")
                    + "in " + scopeFiles.scopesDir().toAbsolutePath() + (existing.isEmpty()
                    ? " (give the scopes dir with --scopes-dir)" : "; the scopes are " + String.join(", ", existing)));
        }
    }

    private static CronExpression cronExpression(String cron) {
        try {
            return new CronExpression(cron);
        } catch (ParseException e) {
            throw new IllegalArgumentException("'" + cron + "' is not a Quartz cron expression (seconds minutes hours "
                    + "day-of-month month day-of-week, e.g. '0 15 4 * * ?' for 04:15 every day): " + e.getMessage(), e);
        }
    }
}
