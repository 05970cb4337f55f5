package org.wikimedia.phlogiston.runcontrol;

import java.time.Duration;
import java.util.stream.Collectors;

import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionException;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.ErrorMessages;
import org.wikimedia.phlogiston.scope.ScopeFiles;

/** Launches a job on one scope while holding that scope's lock (and the shared database lock) throughout. */
@Component
public class ScopeJobLauncher {

    private final JobLauncher launcher;
    private final RunLock runLock;

    public ScopeJobLauncher(JobLauncher launcher, RunLock runLock) {
        this.launcher = launcher;
        this.runLock = runLock;
    }

    /** Runs the job to its end; a {@link LockHeldException} when another run holds the scope past {@code wait}. */
    public JobExecution launch(String prefix, Job job, JobParameters parameters, Duration wait) {
        ScopeFiles.requireScopeName(prefix);
        try (RunLock.Held ignored = runLock.acquireForScope(prefix, CurrentCommand.get(), wait)) {
            return launcher.run(job, parameters);
        } catch (JobExecutionException e) {
            throw new IllegalStateException("Could not start " + job.getName() + " for " + prefix + ": " + e.getMessage(), e);
        }
    }

    /** Why a run failed, in the words of its errors. */
    public static String failureReasons(JobExecution execution) {
        return execution.getAllFailureExceptions().stream().map(ErrorMessages::of).distinct().collect(Collectors.joining("; "));
    }
}
