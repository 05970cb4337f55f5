package org.wikimedia.phlogiston.report;

import java.time.Duration;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionException;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.stereotype.Service;

import org.wikimedia.phlogiston.ErrorMessages;
import org.wikimedia.phlogiston.PhlogistonProperties;
import org.wikimedia.phlogiston.runcontrol.CurrentCommand;
import org.wikimedia.phlogiston.runcontrol.RunLock;
import org.wikimedia.phlogiston.scope.ScopeFiles;

/** Runs the report job of a scope, holding the scope's lock (and the shared database lock) throughout. */
@Service
public class Reporting {

    private final JobLauncher launcher;
    private final Job reportScopeJob;
    private final RunLock runLock;
    private final PhlogistonProperties properties;

    public Reporting(JobLauncher launcher, Job reportScopeJob, RunLock runLock, PhlogistonProperties properties) {
        this.launcher = launcher;
        this.reportScopeJob = reportScopeJob;
        this.runLock = runLock;
        this.properties = properties;
    }

    /** How the run ended: where the report is, or why it failed (the published report is then as it was). */
    public record Outcome(boolean succeeded, String message) {
    }

    public Outcome run(String prefix, Duration wait) {
        ScopeFiles.requireScopeName(prefix);
        JobExecution execution;
        try (RunLock.Held ignored = runLock.acquireForScope(prefix, CurrentCommand.get(), wait)) {
            execution = launcher.run(reportScopeJob, new JobParametersBuilder()
                    .addString(ReportSteps.SCOPE, prefix)
                    .addLong("requested", System.currentTimeMillis())
                    .toJobParameters());
        } catch (JobExecutionException e) {
            throw new IllegalStateException("Could not start the report of " + prefix + ": " + e.getMessage(), e);
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return new Outcome(true, "%s: report published: %s".formatted(prefix,
                    properties.outputDir().resolve(prefix).resolve("index.html").toAbsolutePath()));
        }
        return new Outcome(false, prefix + ": the report failed; the published one is as it was. Reason: "
                + execution.getAllFailureExceptions().stream().map(ErrorMessages::of).distinct().collect(Collectors.joining("; ")));
    }
}
