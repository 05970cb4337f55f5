package org.wikimedia.phlogiston.report;

import java.time.Duration;

import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobParametersBuilder;
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
        return launcher.run(prefix, reportScopeJob, new JobParametersBuilder()
                        .addString(ReportSteps.SCOPE, prefix)
                        .addLong("requested", System.currentTimeMillis())
                        .toJobParameters(), wait,
                execution -> "%s: report published: %s".formatted(prefix,
                        properties.outputDir().resolve(prefix).resolve("index.html").toAbsolutePath()),
                "the report failed; the published one is as it was");
    }
}
