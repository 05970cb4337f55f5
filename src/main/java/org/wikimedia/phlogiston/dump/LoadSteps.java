package org.wikimedia.phlogiston.dump;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.PhlogistonProperties;

/**
 * The four steps of a load: fetch the dump, stage it, check it, publish it. Each reads and writes the
 * {@link LoadState} of the job; none touches the live tables but the last.
 */
@Component
class LoadSteps {

    static final ExitStatus UNCHANGED = new ExitStatus("UNCHANGED");
    /** How the record of a load that published without some users' views begins. */
    static final String LOST_VIEWS = "views built on the loaded tables that could not be made again over the new ones "
            + "(their definitions are in the load's log): ";

    private static final Logger log = LoggerFactory.getLogger(LoadSteps.class);

    private final DumpFetcher fetcher;
    private final LiveSource liveSource;
    private final StagingArea staging;
    private final LoadHistory history;
    private final ObjectMapper json;
    private final PhlogistonProperties properties;
    private final Clock clock;

    LoadSteps(DumpFetcher fetcher, LiveSource liveSource, StagingArea staging, LoadHistory history, ObjectMapper json,
              PhlogistonProperties properties, Clock clock) {
        this.fetcher = fetcher;
        this.liveSource = liveSource;
        this.staging = staging;
        this.history = history;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    RepeatStatus fetch(StepContribution contribution, ChunkContext chunk) throws IOException {
        String source = chunk.getStepContext().getJobParameters().get(DumpLoader.SOURCE).toString();
        boolean force = Boolean.parseBoolean(String.valueOf(chunk.getStepContext().getJobParameters().get(DumpLoader.FORCE)));
        LoadState state = state(chunk);
        DumpFetcher.Fetched fetched = LiveSource.names(source) ? liveSource.fetch(source, state.loadId(), force)
                : fetcher.fetch(source, history.lastLoadOf(source), force);
        if (fetched instanceof DumpFetcher.Unchanged unchanged) {
            state.unchanged(unchanged.reason());
            contribution.setExitStatus(UNCHANGED);
        } else {
            state.fetched((DumpFetcher.Ready) fetched);
        }
        return RepeatStatus.FINISHED;
    }

    RepeatStatus stage(StepContribution contribution, ChunkContext chunk) throws Exception {
        LoadState state = state(chunk);
        Path file = Path.of(state.file());
        log.info("Reading the dump {} ({} MB)", file, Files.size(file) >> 20);
        long started = System.nanoTime();
        staging.prepare();
        DefectLog defects = new DefectLog(properties.dump().defectSamples());
        MessageDigest sha256 = DumpFetcher.newSha256();
        DumpParser.Summary summary;
        Map<String, Long> copiedRows;
        LoadProgress progress = LoadProgress.forFileOf(Files.size(file));
        try (DigestInputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), sha256);
             StagingWriter writer = staging.writer()) {
            in.on(state.sha256() == null); // a download was hashed as it arrived
            summary = new DumpParser(json, defects, writer, progress).parse(in);
            copiedRows = writer.finish();
        } finally {
            progress.done();
        }
        if (state.sha256() == null) {
            state.sha256(HexFormat.of().formatHex(sha256.digest()));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("Read {} tasks and {} transactions in {}s ({} MB/s)", "%,d".formatted(summary.tasks()),
                "%,d".formatted(summary.transactions()), "%.1f".formatted(seconds),
                "%.1f".formatted((Files.size(file) >> 20) / seconds));
        log.info("Linking columns, project memberships and subtasks; indexing");
        staging.finish(LocalDate.now(clock));
        long counting = System.nanoTime();
        staging.countCrossReferenceDefects(defects);
        Map<String, Long> rowCounts = staging.rowCounts(copiedRows);
        log.info("Counted the defects across rows and the rows in {} s", "%.1f".formatted((System.nanoTime() - counting) / 1e9));
        state.staged(summary.latestChange(), rowCounts, defects);
        if (defects.total() > 0) {
            log.info("The dump has defects; they were skipped and the load goes on:");
            defects.describe().forEach(line -> log.info("  {}", line));
        }
        return RepeatStatus.FINISHED;
    }

    RepeatStatus verify(StepContribution contribution, ChunkContext chunk) {
        Map<String, Long> counts = state(chunk).rowCounts();
        long projects = counts.getOrDefault("phabricator_project", 0L);
        long tasks = counts.getOrDefault("maniphest_task", 0L);
        if (projects == 0) {
            throw new LoadCheckFailed("projects present", "the dump has no projects");
        }
        if (tasks == 0) {
            throw new LoadCheckFailed("task count", "the dump has no tasks");
        }
        history.current().ifPresent(current -> {
            long before = current.rowCounts().getOrDefault("maniphest_task", 0L);
            double ratio = properties.dump().minTaskRatio();
            if (tasks < ratio * before) {
                throw new LoadCheckFailed("task count", "the dump has %,d tasks, fewer than %.0f%% of the %,d in the data loaded now (load #%d)"
                        .formatted(tasks, ratio * 100, before, current.id()));
            }
        });
        log.info("Checks passed: {} projects, {} tasks", "%,d".formatted(projects), "%,d".formatted(tasks));
        return RepeatStatus.FINISHED;
    }

    RepeatStatus publish(StepContribution contribution, ChunkContext chunk) {
        LoadState state = state(chunk);
        String source = chunk.getStepContext().getJobParameters().get(DumpLoader.SOURCE).toString();
        staging.publish(lostViews -> {
            state.publishedMessage(lostViews.isEmpty() ? null : LOST_VIEWS + String.join(", ", lostViews));
            history.finish(source, state, LoadHistory.Outcome.LOADED, state.publishedMessage());
            if (LiveSource.names(source)) {
                liveSource.published(source, state.loadId());
            }
        });
        log.info("Published the new data");
        if (state.keepAs() != null) {
            keepDownloadedDump(Path.of(state.file()), Path.of(state.keepAs()));
        }
        return RepeatStatus.FINISHED;
    }

    /** The data is published already: a dump file that cannot be moved is worth a warning, not a failed load. */
    private static void keepDownloadedDump(Path downloaded, Path keepAs) {
        try {
            Files.move(downloaded, keepAs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("The new dump is loaded, but could not be kept as {}: {}", keepAs, e.getMessage());
        }
    }

    private static LoadState state(ChunkContext chunk) {
        return new LoadState(chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext());
    }
}
