package org.wikimedia.phlogiston.report;

import java.time.Duration;
import java.util.Map;

import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.repository.JobInstanceAlreadyCompleteException;
import org.springframework.stereotype.Service;

import org.wikimedia.phlogiston.PhlogistonProperties;
import org.wikimedia.phlogiston.runcontrol.ScopeJobLauncher;

/** Runs the report job of a scope, holding the scope's lock (and the shared database lock) throughout. */
@Service
public class Reporting {

    private final ScopeJobLauncher launcher;
    private final Job reportScopeJob;
    private final PhlogistonProperties properties;

    public Reporting(ScopeJobLauncher launcher, Job reportScopeJob, PhlogistonProperties properties) {
        this.launcher = launcher;
        this.reportScopeJob = reportScopeJob;
        this.properties = properties;
    }

    /** How the run ended: where the report is, or why it failed (the published report is then as it was). */
    public ScopeJobLauncher.Outcome run(String prefix, Duration wait) {
        return launch(prefix, new JobParametersBuilder()
                .addString(ReportSteps.SCOPE, prefix)
                .addLong("requested", System.currentTimeMillis()), wait);
    }

    /**
     * The report as a stage of a {@code phlogiston run} (its job instance {@code runInstance}): one report job for
     * every execution of the run, so that a restart of the run goes on with the report from the step that failed.
     */
    public ScopeJobLauncher.Outcome runAsStage(String prefix, long runInstance) {
        try {
            return launch(prefix, new JobParametersBuilder()
                    .addString(ReportSteps.SCOPE, prefix)
                    .addLong(ReportSteps.RUN, runInstance), Duration.ZERO);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof JobInstanceAlreadyCompleteException) {
                // The run's process died after the report was published, before the run could record it.
                return new ScopeJobLauncher.Outcome(true, published(prefix) + " (by the run's earlier execution)",
                        Map.of());
            }
            throw e;
        }
    }

    private ScopeJobLauncher.Outcome launch(String prefix, JobParametersBuilder parameters, Duration wait) {
        return launcher.run(prefix, reportScopeJob, parameters.toJobParameters(), wait,
                execution -> published(prefix), "the report failed; the published one is as it was");
    }

    private String published(String prefix) {
        return "%s: report published: %s".formatted(prefix,
                properties.outputDir().resolve(prefix).resolve("index.html").toAbsolutePath());
    }
}
