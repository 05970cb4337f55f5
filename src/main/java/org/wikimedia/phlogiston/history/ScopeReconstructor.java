package org.wikimedia.phlogiston.history;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import org.wikimedia.phlogiston.PhlogistonProperties;
import org.wikimedia.phlogiston.scope.ResolvedScope;
import org.wikimedia.phlogiston.scope.ScopeSettings;

/**
 * Builds a scope's history from the loaded dump: in full (replacing it) or incrementally (continuing from the
 * day after the last one stored). One transaction: the scope's history changes completely or not at all, and
 * no other scope's rows are touched.
 */
@Service
public class ScopeReconstructor {

    private static final Logger log = LoggerFactory.getLogger(ScopeReconstructor.class);

    private final HistoryStore store;
    private final TransactionTemplate transaction;
    private final PhlogistonProperties properties;
    private final Clock clock;

    public ScopeReconstructor(HistoryStore store, TransactionTemplate transaction, PhlogistonProperties properties, Clock clock) {
        this.store = store;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    /** What a run did: the days it covered (none when already up to date) and how much it wrote. */
    public record Result(String scope, boolean full, LocalDate firstDay, LocalDate lastDay, int tasks, long intervals,
                         long taskDays) {

        public boolean upToDate() {
            return firstDay.isAfter(lastDay);
        }

        public String summary() {
            if (upToDate()) {
                return "%s: already up to date (history until %s)".formatted(scope, lastDay);
            }
            return "%s: %s reconstruction from %s to %s: %,d tasks, %,d task-days".formatted(scope,
                    full ? "full" : "incremental", firstDay, lastDay, tasks, taskDays);
        }
    }

    /**
     * The days a reconstruction would cover: from the scope's start date (or {@code startDateOverride}) in full, or,
     * incrementally, from the last day stored (computed again: the dump it came from may not have held all of that
     * day's changes yet) when the scope has a history; up to the as-of day, but no later than the day after the
     * loaded dump's latest change.
     */
    public Days plan(ResolvedScope scope, boolean incremental, LocalDate startDateOverride) {
        Map.Entry<Long, Instant> load = store.currentLoad()
                .orElseThrow(() -> new IllegalStateException("No dump is loaded yet: run phlogiston load first"));
        Optional<HistoryStore.Coverage> coverage = store.coverage(scope.scope().prefix());
        LocalDate lastDay = lastDay(load.getValue(), properties.timeZone());
        String whyFull = incremental ? whyFull(scope, coverage, startDateOverride, lastDay, load.getKey()) : null;
        boolean full = !incremental || whyFull != null;
        LocalDate startDate = full ? startDate(scope, startDateOverride) : coverage.get().startDate();
        LocalDate firstDay = full ? startDate.plusDays(1) : coverage.get().lastDay();
        return new Days(full, whyFull, startDate, firstDay, lastDay, load.getKey(),
                coverage.map(HistoryStore.Coverage::lastDay).orElse(null));
    }

    /** Why an incremental reconstruction must be a full one; null when it need not. */
    private String whyFull(ResolvedScope scope, Optional<HistoryStore.Coverage> coverage, LocalDate startDateOverride,
                           LocalDate lastDay, long loadId) {
        if (coverage.isEmpty()) {
            return "no history yet";
        }
        if (startDateOverride != null) {
            return "a start date is given";
        }
        // The stored days know only the projects the rules named then: other projects need every day again.
        if (!store.storedProjectIds(scope.scope().prefix()).equals(scope.projectIds())) {
            return "the projects its rules name have changed";
        }
        // Stored days after the last one of the data loaded now would not be computed again, and stay of another load.
        if (coverage.get().lastDay().isAfter(lastDay) && !Objects.equals(coverage.get().loadId(), loadId)) {
            return "its stored days reach beyond the data loaded now, which is of another load";
        }
        return null;
    }

    /**
     * The days of a reconstruction: {@code firstDay} to {@code lastDay}, none when the first is after the last.
     * {@code whyFull}: why an incremental run was asked for but a full one is planned, or null; {@code storedUntil}:
     * the last day of the history stored now, or null when there is none.
     */
    public record Days(boolean full, String whyFull, LocalDate startDate, LocalDate firstDay, LocalDate lastDay,
                       long loadId, LocalDate storedUntil) {

        public boolean none() {
            return firstDay.isAfter(lastDay);
        }

        public long count() {
            return none() ? 0 : lastDay.toEpochDay() - firstDay.toEpochDay() + 1;
        }
    }

    public Result reconstruct(ResolvedScope scope, boolean incremental, LocalDate startDateOverride) {
        String prefix = scope.scope().prefix();
        ZoneId zone = properties.timeZone();
        Days days = plan(scope, incremental, startDateOverride);
        if (days.whyFull() != null) {
            log.info("{}: {}, so the reconstruction is a full one", prefix, days.whyFull());
        }
        boolean full = days.full();
        LocalDate startDate = days.startDate();
        LocalDate firstDay = days.firstDay();
        LocalDate lastDay = days.lastDay();
        if (days.none()) {
            return new Result(prefix, full, firstDay, lastDay, 0, 0, 0);
        }
        log.info("Reconstructing {} from {} to {} ({})", prefix, firstDay, lastDay, full ? "in full" : "the new days");
        return transaction.execute(status -> {
            ScopeContext context = new ScopeContext(prefix, scope.projectIds(), store.projectNames(), store.projectPhids(),
                    store.columnNames(), scope.scope().settings().defaultPoints(), zone,
                    properties.specialTags().newFunctionality(), properties.specialTags().maintenance());
            long started = System.nanoTime();
            Map<Integer, TaskFacts> tasks = store.readTasks(context, firstDay.atStartOfDay(zone).toInstant(),
                    lastDay.plusDays(1).atStartOfDay(zone).toInstant(), properties.specialTags().category(),
                    properties.specialTags().goal());
            log.info("Read the history of {} tasks that can be in scope ({})", "%,d".formatted(tasks.size()), since(started));
            TaskTimeline timeline = new TaskTimeline(context);
            List<StateInterval> intervals = new ArrayList<>();
            tasks.values().forEach(task -> intervals.addAll(timeline.intervals(task, firstDay, lastDay)));
            started = System.nanoTime();
            try {
                store.writeIntervals(prefix, intervals, full, firstDay);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not store the history of " + prefix + ": " + e.getMessage(), e);
            }
            log.info("Stored {} runs of unchanged days ({})", "%,d".formatted(intervals.size()), since(started));
            store.recordCoverage(prefix, startDate, lastDay, full, days.loadId(), clock.instant());
            store.replaceCategories(prefix, scope.rules());
            long taskDays = intervals.stream().mapToLong(i -> i.lastDay().toEpochDay() - i.firstDay().toEpochDay() + 1).sum();
            int inScope = (int) intervals.stream().mapToInt(StateInterval::taskId).distinct().count();
            return new Result(prefix, full, firstDay, lastDay, inScope, intervals.size(), taskDays);
        });
    }

    private static String since(long nanoTime) {
        return "%.1f s".formatted((System.nanoTime() - nanoTime) / 1e9);
    }

    /** The as-of day, but no later than the day after the latest change in the dump: beyond it nothing is known. */
    private LocalDate lastDay(Instant dataUntil, ZoneId zone) {
        LocalDate asOf = LocalDate.now(clock.withZone(zone));
        LocalDate afterData = dataUntil.atZone(zone).toLocalDate().plusDays(1);
        return asOf.isBefore(afterData) ? asOf : afterData;
    }

    /** The given start date, else the scope's, else 3 months before the start of the current quarter. */
    private LocalDate startDate(ResolvedScope scope, LocalDate override) {
        if (override != null) {
            return override;
        }
        if (scope.scope().settings().startDate() != null) {
            return scope.scope().settings().startDate();
        }
        LocalDate today = LocalDate.now(clock.withZone(properties.timeZone()));
        return ScopeSettings.quarterStart(today).minusMonths(3);
    }
}
