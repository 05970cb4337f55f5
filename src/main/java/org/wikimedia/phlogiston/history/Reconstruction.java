package org.wikimedia.phlogiston.history;

import java.time.Duration;
import java.time.LocalDate;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionException;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.stereotype.Service;

import org.wikimedia.phlogiston.ErrorMessages;
import org.wikimedia.phlogiston.runcontrol.CurrentCommand;
import org.wikimedia.phlogiston.runcontrol.RunLock;
import org.wikimedia.phlogiston.scope.ScopeFiles;

/** Runs the reconstruction job of a scope, holding the scope's lock (and the shared database lock) throughout. */
@Service
public class Reconstruction {

    private final JobLauncher launcher;
    private final Job reconstructScopeJob;
    private final RunLock runLock;

    public Reconstruction(JobLauncher launcher, Job reconstructScopeJob, RunLock runLock) {
        this.launcher = launcher;
        this.reconstructScopeJob = reconstructScopeJob;
        this.runLock = runLock;
    }

    /** How the run ended: its summary, or why it failed (nothing of the scope's history changed then). */
    public record Outcome(boolean succeeded, String message) {
    }

    public Outcome run(String prefix, boolean incremental, LocalDate startDate, Duration wait) {
        ScopeFiles.requireScopeName(prefix);
        JobExecution execution;
        try (RunLock.Held ignored = runLock.acquireForScope(prefix, CurrentCommand.get(), wait)) {
            JobParametersBuilder parameters = new JobParametersBuilder()
                    .addString(ReconstructionJobConfiguration.SCOPE, prefix)
                    .addString(ReconstructionJobConfiguration.INCREMENTAL, Boolean.toString(incremental))
                    .addLong("requested", System.currentTimeMillis());
            if (startDate != null) {
                parameters.addString(ReconstructionJobConfiguration.START_DATE, startDate.toString());
            }
            execution = launcher.run(reconstructScopeJob, parameters.toJobParameters());
        } catch (JobExecutionException e) {
            throw new IllegalStateException("Could not start the reconstruction of " + prefix + ": " + e.getMessage(), e);
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return new Outcome(true, execution.getExecutionContext().getString(ReconstructionJobConfiguration.SUMMARY));
        }
        return new Outcome(false, prefix + ": the reconstruction failed; the scope's history is as it was. Reason: "
                + execution.getAllFailureExceptions().stream().map(ErrorMessages::of).distinct().collect(Collectors.joining("; ")));
    }
}
