package org.wikimedia.phlogiston.dump;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.ErrorMessages;

/**
 * Records each run of the load job in {@code dump_load}: a row when it starts, completed when it ends; and drops
 * what a failed run staged.
 */
@Component
class LoadRecorder implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(LoadRecorder.class);

    private final LoadHistory history;
    private final StagingArea staging;

    LoadRecorder(LoadHistory history, StagingArea staging) {
        this.history = history;
        this.staging = staging;
    }

    @Override
    public void beforeJob(JobExecution job) {
        String source = job.getJobParameters().getString(DumpLoader.SOURCE);
        new LoadState(job.getExecutionContext()).loadId(history.start(source, Instant.now(), job.getId()));
    }

    @Override
    public void afterJob(JobExecution job) {
        LoadState state = new LoadState(job.getExecutionContext());
        LoadHistory.Outcome outcome;
        String message;
        if (job.getStatus() != BatchStatus.COMPLETED) {
            outcome = LoadHistory.Outcome.FAILED;
            message = failureMessage(job.getAllFailureExceptions());
            logFailures(job.getAllFailureExceptions());
            staging.discard(); // a staged Wikimedia dump takes gigabytes; the next load stages afresh
        } else if (state.unchangedReason() != null) {
            outcome = LoadHistory.Outcome.UNCHANGED;
            message = state.unchangedReason();
        } else {
            outcome = LoadHistory.Outcome.LOADED;
            message = state.publishedMessage();
        }
        String source = job.getJobParameters().getString(DumpLoader.SOURCE);
        history.finish(source, state, outcome, message);
        if (LiveSource.names(source) && state.file() != null) {
            deleteComposedDump(Path.of(state.file()));
        }
    }

    /** A live source's dump is composed afresh by every load (its fetch is kept in the database), loaded or not. */
    private static void deleteComposedDump(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the composed dump {}: {}", file, e.getMessage());
        }
    }

    /** A damaged dump or a refused check is the dump's fault and needs no stack trace; anything else is ours. */
    private static void logFailures(List<Throwable> failures) {
        for (Throwable failure : failures) {
            if (failure instanceof DumpFormatException || failure instanceof LoadCheckFailed || failure instanceof IOException) {
                log.error("The load failed: {}", ErrorMessages.of(failure));
            } else {
                log.error("The load failed unexpectedly", failure);
            }
        }
    }

    private static String failureMessage(List<Throwable> failures) {
        return failures.isEmpty() ? "the load stopped"
                : failures.stream().map(ErrorMessages::of).distinct().collect(Collectors.joining("; "));
    }
}
