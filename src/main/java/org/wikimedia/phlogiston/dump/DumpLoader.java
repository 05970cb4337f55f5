package org.wikimedia.phlogiston.dump;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionException;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.stereotype.Service;

import org.wikimedia.phlogiston.PhlogistonProperties;
import org.wikimedia.phlogiston.runcontrol.CurrentCommand;
import org.wikimedia.phlogiston.runcontrol.RunLock;

/** Runs the load job for a source and says how it went. */
@Service
public class DumpLoader {

    /** Where a load's execution context names its row of dump_load (the run history reads it). */
    public static final String LOAD_ID = "loadId";
    static final String SOURCE = "source";
    static final String FORCE = "force";

    private final JobLauncher launcher;
    private final Job loadDumpJob;
    private final LoadHistory history;
    private final PhlogistonProperties properties;
    private final RunLock runLock;
    private final DumpFetcher fetcher;
    private final LiveSource liveSource;

    public DumpLoader(JobLauncher launcher, Job loadDumpJob, LoadHistory history, PhlogistonProperties properties,
                      RunLock runLock, DumpFetcher fetcher, LiveSource liveSource) {
        this.liveSource = liveSource;
        this.launcher = launcher;
        this.loadDumpJob = loadDumpJob;
        this.history = history;
        this.properties = properties;
        this.runLock = runLock;
        this.fetcher = fetcher;
    }

    /**
     * Loads the dump from {@code source} (a path, an http(s) URL, "sample", or {@link LiveSource#SCHEME} for the live
     * source; null for the configured source, {@code phlogiston.source}), with
     * the database to itself: if other runs are using it, fails at once with a LockHeldException naming them.
     */
    public LoadOutcome load(String source, boolean force) {
        return load(source, force, Duration.ZERO);
    }

    /** As {@link #load(String, boolean)}, but first waits up to {@code wait} for the runs using the database to finish. */
    public LoadOutcome load(String source, boolean force, Duration wait) {
        String resolved = storedForm(source);
        JobExecution execution;
        try (RunLock.Held held = runLock.acquireForLoad(CurrentCommand.get(), wait)) {
            execution = launcher.run(loadDumpJob, held.recordedIn(new JobParametersBuilder()
                    .addString(SOURCE, resolved)
                    .addString(FORCE, Boolean.toString(force))
                    .addLong("requested", System.currentTimeMillis())
                    .toJobParameters()));
        } catch (JobExecutionException e) {
            throw new IllegalStateException("Could not start the load: " + e.getMessage(), e);
        }
        LoadState state = new LoadState(execution.getExecutionContext());
        LoadHistory.Attempt attempt = history.find(state.loadId())
                .orElseThrow(() -> new IllegalStateException("The load left no record in dump_load"));
        return new LoadOutcome(attempt.outcome(), attempt.id(), summary(attempt, execution.getStatus()));
    }

    /** Whether {@code source} (null: the configured one) has a fresher dump, told without changing anything. */
    public String freshness(String source) {
        String resolved = storedForm(source);
        return resolved + ": " + (LiveSource.names(resolved) ? liveSource.probe(resolved)
                : fetcher.probe(resolved, history.lastLoadOf(resolved)));
    }

    /**
     * {@code source} (null: the configured one) as job parameters and dump_load keep it, its credentials masked; this
     * process can still load from it by that form. A live source that is not configured throws
     * {@link LiveSource.NotConfigured}.
     */
    public String storedForm(String source) {
        boolean live = source == null ? PhlogistonProperties.CONDUIT_SOURCE.equals(properties.source()) : LiveSource.names(source);
        if (live) {
            return liveSource.storedForm();
        }
        return fetcher.remember(source == null ? properties.dump().sourceUrl().toString() : source);
    }

    private static String summary(LoadHistory.Attempt attempt, BatchStatus status) {
        return switch (attempt.outcome()) {
            case LOADED -> loaded(attempt);
            case UNCHANGED -> (LiveSource.names(attempt.source()) ? "Nothing changed: " : "No fresher dump: ") + attempt.message()
                    + ". The data loaded before stays in use.";
            default -> "The load failed (" + status.name().toLowerCase(Locale.ROOT) + "); the data loaded before is untouched.\n"
                    + "Reason: " + attempt.source() + ": " + attempt.message() + defects(attempt, "Defects found in the dump:");
        };
    }

    /** The defects found, one line per kind with example task ids; nothing if there were none. */
    private static String defects(LoadHistory.Attempt attempt, String heading) {
        return attempt.defects().isEmpty() ? "" : "\n" + heading + "\n" + LoadHistory.describeDefects(attempt.defects()).stripTrailing();
    }

    private static String loaded(LoadHistory.Attempt attempt) {
        Map<String, Long> counts = attempt.rowCounts();
        StringBuilder out = new StringBuilder("Loaded %s (load #%d): %,d projects, %,d columns, %,d tasks, %,d transactions, data until %s."
                .formatted(attempt.source(), attempt.id(), counts.get("phabricator_project"), counts.get("phabricator_column"),
                        counts.get("maniphest_task"), counts.get("maniphest_transaction"), attempt.dataUntil()));
        if (attempt.message() != null) {
            out.append("\nThe load is published, but without the ").append(attempt.message());
        }
        out.append(defects(attempt, "Defects in the dump (not fatal):"));
        return out.toString().stripTrailing();
    }
}
