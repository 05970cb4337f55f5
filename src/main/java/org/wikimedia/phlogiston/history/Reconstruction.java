package org.wikimedia.phlogiston.history;

import java.time.Duration;
import java.time.LocalDate;

import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.stereotype.Service;

import org.wikimedia.phlogiston.runcontrol.ScopeJobLauncher;

/** Runs the reconstruction job of a scope, holding the scope's lock (and the shared database lock) throughout. */
@Service
public class Reconstruction {

    private final ScopeJobLauncher launcher;
    private final Job reconstructScopeJob;

    public Reconstruction(ScopeJobLauncher launcher, Job reconstructScopeJob) {
        this.launcher = launcher;
        this.reconstructScopeJob = reconstructScopeJob;
    }

    /** How the run ended: its summary, or why it failed (nothing of the scope's history changed then). */
    public ScopeJobLauncher.Outcome run(String prefix, boolean incremental, LocalDate startDate, Duration wait) {
        JobParametersBuilder parameters = new JobParametersBuilder()
                .addString(ReconstructionJobConfiguration.SCOPE, prefix)
                .addString(ReconstructionJobConfiguration.INCREMENTAL, Boolean.toString(incremental))
                .addLong("requested", System.currentTimeMillis());
        if (startDate != null) {
            parameters.addString(ReconstructionJobConfiguration.START_DATE, startDate.toString());
        }
        return launcher.run(prefix, reconstructScopeJob, parameters.toJobParameters(), wait,
                execution -> execution.getExecutionContext().getString(ReconstructionJobConfiguration.SUMMARY),
                "the reconstruction failed; the scope's history is as it was");
    }
}
