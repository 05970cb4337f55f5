package org.wikimedia.phlogiston.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionException;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.repository.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.batch.support.transaction.ResourcelessTransactionManager;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;

import org.wikimedia.phlogiston.ErrorMessages;
import org.wikimedia.phlogiston.dump.DumpLoader;
import org.wikimedia.phlogiston.dump.LoadHistory;
import org.wikimedia.phlogiston.dump.LoadOutcome;
import org.wikimedia.phlogiston.history.Reconstruction;
import org.wikimedia.phlogiston.report.Reporting;
import org.wikimedia.phlogiston.runcontrol.CurrentCommand;
import org.wikimedia.phlogiston.runcontrol.RunLock;
import org.wikimedia.phlogiston.runcontrol.ScopeJobLauncher;
import org.wikimedia.phlogiston.scope.ScopeFiles;

/**
 * Makes runs: one Spring Batch job {@value #JOB_NAME} per run, with a step per stage ({@code load}, then
 * {@code reconstruct-<scope>} and {@code report-<scope>} for each scope in the order given). The run takes the
 * locks of all its stages before it starts, so that a run that would collide with it is refused at once; the
 * load's lock goes as soon as the load is done. A scope that fails does not stop the others (a scope whose
 * reconstruction failed is not reported on); the run then ends failed, and {@link #restart} runs the failed stages
 * again, and only those.
 */
@Service
public class PipelineRun {

    public static final String JOB_NAME = "run";
    static final String MODE = "mode";
    static final String SCOPES = "scopes";
    static final String LOAD = "load";
    static final String SOURCE = "source";
    static final String REQUESTED = "requested";
    static final String SCHEDULED = "scheduled";
    static final String SUMMARY = "summary";
    static final String LOAD_STEP = "load";

    private final JobRepository repository;
    private final JobLauncher launcher;
    private final JobExplorer explorer;
    private final RunLock runLock;
    private final DumpLoader loader;
    private final Reconstruction reconstruction;
    private final Reporting reporting;

    public PipelineRun(JobRepository repository, JobLauncher launcher, JobExplorer explorer, RunLock runLock,
                       DumpLoader loader, Reconstruction reconstruction, Reporting reporting) {
        this.repository = repository;
        this.launcher = launcher;
        this.explorer = explorer;
        this.runLock = runLock;
        this.loader = loader;
        this.reconstruction = reconstruction;
        this.reporting = reporting;
    }

    /** Refuses a request the mode does not allow, or one without scopes, with the reason. */
    public static void validate(RunRequest request) {
        if (request.load()) {
            request.mode().whyNoLoad().ifPresent(why -> {
                throw new IllegalArgumentException("--mode " + request.mode().cliName() + " refuses --load true: " + why);
            });
        }
        if (request.scopes().isEmpty()) {
            throw new IllegalArgumentException("no scope to run: give --scope X (as often as needed) or --all-scopes");
        }
        request.scopes().forEach(ScopeFiles::requireScopeName);
    }

    /** Makes the run now. */
    public RunResult run(RunRequest request) {
        return run(request, null);
    }

    /**
     * Makes the run; {@code scheduledAt}, for a run the schedule started, is its identity: another process that the
     * same schedule started for the same time finds it made (or being made) and does not make it again.
     */
    public RunResult run(RunRequest request, Instant scheduledAt) {
        validate(request);
        JobParametersBuilder parameters = new JobParametersBuilder()
                .addString(MODE, request.mode().cliName())
                .addString(SCOPES, String.join(",", request.scopes()))
                .addString(LOAD, Boolean.toString(request.load()))
                .addString(SOURCE, request.dumpSource() == null ? "" : loader.storedForm(request.dumpSource()), false);
        if (scheduledAt != null) {
            parameters.addString(SCHEDULED, scheduledAt.toString());
        } else {
            parameters.addLong(REQUESTED, System.currentTimeMillis());
        }
        return launch(request.mode(), request.load(), request.scopes(), parameters.toJobParameters(), request.lockWait(),
                scheduledAt != null);
    }

    /**
     * Runs the failed stages of run {@code runId} again (a run whose process died is marked failed once its locks
     * are free, by whichever run takes locks next: this one at the latest); the stages that succeeded are not run again.
     */
    public RunResult restart(long runId, Duration wait) {
        JobExecution last = explorer.getJobExecution(runId);
        if (last == null) {
            throw new IllegalArgumentException("there is no run #" + runId + " (see phlogiston history)");
        }
        JobInstance instance = last.getJobInstance();
        if (!JOB_NAME.equals(instance.getJobName())) {
            throw new IllegalArgumentException("#" + runId + " is a " + instance.getJobName()
                    + " job, not a run of `phlogiston run`: run its command again instead");
        }
        JobExecution latest = explorer.getLastJobExecution(instance);
        if (latest != null && latest.getStatus() == BatchStatus.COMPLETED) {
            throw new IllegalArgumentException("run #" + runId + " has completed" + (latest.getId() == runId ? ""
                    : " (restarted as #" + latest.getId() + ")") + ": there is nothing to restart");
        }
        JobParameters parameters = last.getJobParameters();
        RunMode mode = RunMode.fromCliName(parameters.getString(MODE));
        List<String> scopes = Arrays.asList(parameters.getString(SCOPES).split(","));
        boolean loadDone = explorer.getJobExecutions(instance).stream()
                .flatMap(execution -> execution.getStepExecutions().stream())
                .anyMatch(step -> step.getStepName().equals(LOAD_STEP) && step.getStatus() == BatchStatus.COMPLETED);
        boolean load = Boolean.parseBoolean(parameters.getString(LOAD)) && !loadDone;
        return launch(mode, load, scopes, parameters, wait, false);
    }

    /**
     * Launches the run holding its locks. {@code once}: a scheduled run, made only if no process has started it
     * yet; a failed one is finished by {@link #restart}, on purpose, not by a second schedule firing for it.
     */
    private RunResult launch(RunMode mode, boolean load, List<String> scopes, JobParameters parameters, Duration wait,
                             boolean once) {
        Job job = job(mode, Boolean.parseBoolean(parameters.getString(LOAD)), scopes);
        try (RunLock.Held held = runLock.acquireForRun(load, scopes, CurrentCommand.get(), wait)) {
            JobExecution made = repository.getLastJobExecution(JOB_NAME, parameters);
            if (once && made != null) {
                return alreadyMade(parameters, made);
            }
            return result(launcher.run(job, held.recordedIn(parameters)));
        } catch (JobExecutionAlreadyRunningException | JobInstanceAlreadyCompleteException e) {
            return alreadyMade(parameters, repository.getLastJobExecution(JOB_NAME, parameters));
        } catch (JobExecutionException e) {
            throw new IllegalStateException("Could not start the run: " + e.getMessage(), e);
        }
    }

    private static RunResult alreadyMade(JobParameters parameters, JobExecution made) {
        return new RunResult(null, true, List.of("The run scheduled for " + parameters.getString(SCHEDULED, "")
                + " was already made by another process: run #" + made.getId() + ", " + made.getStatus()
                .toString().toLowerCase(Locale.ROOT)));
    }

    /** A line per stage of this execution, then how the run went. */
    private static RunResult result(JobExecution execution) {
        List<String> lines = new ArrayList<>();
        int failed = 0;
        int stages = 0;
        for (StepExecution step : execution.getStepExecutions()) {
            stages++;
            if (step.getStatus() == BatchStatus.COMPLETED) {
                lines.add(step.getExecutionContext().getString(SUMMARY, step.getStepName() + ": done"));
            } else {
                failed++;
                lines.add(step.getFailureExceptions().stream().map(ErrorMessages::of).findFirst()
                        .orElse(step.getStepName() + ": " + step.getExitStatus().getExitDescription()));
            }
        }
        boolean succeeded = execution.getStatus() == BatchStatus.COMPLETED;
        lines.add(succeeded ? "Run #%d: %d stages done.".formatted(execution.getId(), stages)
                : "Run #%d: %d of %d stages failed; once the cause is fixed, `phlogiston restart %d` runs them again."
                        .formatted(execution.getId(), failed, stages, execution.getId()));
        return new RunResult(execution.getId(), succeeded, lines);
    }

    /**
     * The run's job: the load, then a flow per scope (its reconstruction, then its report if that succeeded). The
     * scopes' flows are a split run one after the other on this thread (which holds the run's locks): a flow that
     * fails ends alone, the others still run, and the run ends failed. A restart skips the completed steps and
     * starts each failed one again. (A failed step that the flow went past would be abandoned, never restarted.)
     * A failed load ends the run: reports made on the data loaded before would not say that they are stale, and the
     * published ones stay as they are.
     */
    private Job job(RunMode mode, boolean load, List<String> scopes) {
        List<Flow> scopeFlows = new ArrayList<>();
        for (String scope : scopes) {
            Step report = step("report-" + scope, execution -> stage(execution,
                    reporting.runAsStage(scope, execution.getJobExecution().getJobInstance().getInstanceId())));
            FlowBuilder<SimpleFlow> flow = new FlowBuilder<>("scope-" + scope);
            if (mode.rebuild() == RunMode.Rebuild.NONE) {
                flow.start(report);
            } else {
                boolean incremental = mode.rebuild() == RunMode.Rebuild.INCREMENTAL;
                flow.start(step("reconstruct-" + scope, execution -> stage(execution,
                        reconstruction.run(scope, incremental, null, Duration.ZERO)))).next(report);
            }
            scopeFlows.add(flow.build());
        }
        Flow allScopes = new FlowBuilder<SimpleFlow>("scopes").split(new SyncTaskExecutor())
                .add(scopeFlows.toArray(Flow[]::new)).build();
        JobBuilder job = new JobBuilder(JOB_NAME, repository);
        return (load ? job.flow(step(LOAD_STEP, this::load)).next(allScopes) : job.start(allScopes)).end().build();
    }

    private interface Stage {
        void run(StepExecution execution);
    }

    private Step step(String name, Stage stage) {
        Tasklet tasklet = (contribution, chunk) -> {
            stage.run(chunk.getStepContext().getStepExecution());
            return RepeatStatus.FINISHED;
        };
        // Without a transaction: each stage launches a job of its own, which the job repository refuses to start
        // inside a transaction.
        return new StepBuilder(name, repository).tasklet(tasklet, new ResourcelessTransactionManager())
                .transactionAttribute(new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED))
                .build();
    }

    private void load(StepExecution execution) {
        String source = execution.getJobParameters().getString(SOURCE, "");
        LoadOutcome outcome;
        try {
            outcome = loader.load(source.isEmpty() ? null : source, false);
        } finally {
            runLock.releaseLoadOfThisThreadsRun();
        }
        ExecutionContext context = execution.getExecutionContext();
        context.putString(SUMMARY, outcome.summary());
        context.putLong(DumpLoader.LOAD_ID, outcome.loadId());
        if (outcome.outcome() == LoadHistory.Outcome.FAILED) {
            throw new StageFailedException(outcome.summary());
        }
    }

    private static void stage(StepExecution execution, ScopeJobLauncher.Outcome outcome) {
        ExecutionContext context = execution.getExecutionContext();
        context.putString(SUMMARY, outcome.message());
        for (Map.Entry<String, Long> count : outcome.counts().entrySet()) {
            context.putLong(count.getKey(), count.getValue());
        }
        if (!outcome.succeeded()) {
            throw new StageFailedException(outcome.message());
        }
    }

    /** A stage that failed, with what it said. */
    static final class StageFailedException extends RuntimeException {
        StageFailedException(String message) {
            super(message);
        }
    }
}
