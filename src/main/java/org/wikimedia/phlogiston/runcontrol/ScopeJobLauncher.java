package org.wikimedia.phlogiston.runcontrol;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
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

    /**
     * How a run on a scope ended: what it did, or why it failed, and the counts its job recorded (whole numbers of
     * its execution context, such as tasks or task-days).
     */
    public record Outcome(boolean succeeded, String message, Map<String, Long> counts) {
    }

    /**
     * Runs the job to its end and says how it went: {@code summary} of a completed run, or {@code whenFailed} and
     * the reasons; a {@link LockHeldException} when another run holds the scope past {@code wait}.
     */
    public Outcome run(String prefix, Job job, JobParameters parameters, Duration wait,
                       Function<JobExecution, String> summary, String whenFailed) {
        JobExecution execution = launch(prefix, job, parameters, wait);
        Map<String, Long> counts = new TreeMap<>();
        execution.getExecutionContext().entrySet().forEach(entry -> {
            if (entry.getValue() instanceof Number number) {
                counts.put(entry.getKey(), number.longValue());
            }
        });
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return new Outcome(true, summary.apply(execution), counts);
        }
        return new Outcome(false, prefix + ": " + whenFailed + ". Reason: " + failureReasons(execution), counts);
    }

    private JobExecution launch(String prefix, Job job, JobParameters parameters, Duration wait) {
        ScopeFiles.requireScopeName(prefix);
        try (RunLock.Held held = runLock.acquireForScope(prefix, CurrentCommand.get(), wait)) {
            return launcher.run(job, held.recordedIn(parameters));
        } catch (JobExecutionException e) {
            throw new IllegalStateException("Could not start " + job.getName() + " for " + prefix + ": " + e.getMessage(), e);
        }
    }

    /** Why a run failed, in the words of its errors. */
    private static String failureReasons(JobExecution execution) {
        return execution.getAllFailureExceptions().stream().map(ErrorMessages::of).distinct().collect(Collectors.joining("; "));
    }
}
