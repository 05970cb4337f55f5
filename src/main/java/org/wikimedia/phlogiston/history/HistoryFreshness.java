package org.wikimedia.phlogiston.history;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import org.wikimedia.phlogiston.dump.LoadHistory;
import org.wikimedia.phlogiston.scope.ResolvedRule;
import org.wikimedia.phlogiston.scope.ResolvedScope;

/**
 * Whether a scope's history can be reported on as it is: built from the dump loaded now (the report also reads the
 * live load tables, and must not mix two dumps) and with the rules its files say now (the history stage owns the
 * stored rules; the report does not change them). Only reads.
 */
@Service
public class HistoryFreshness {

    private final HistoryStore store;
    private final LoadHistory loads;

    HistoryFreshness(HistoryStore store, LoadHistory loads) {
        this.store = store;
        this.loads = loads;
    }

    /** Why a report on the scope's history must be refused, with the command that fixes it; empty when it may go on. */
    public Optional<String> whyNotReportable(ResolvedScope scope) {
        String prefix = scope.scope().prefix();
        Optional<LoadHistory.Attempt> current = loads.current();
        if (current.isEmpty()) {
            return Optional.of("no dump is loaded yet: run phlogiston load, then `phlogiston run --mode rerecon --scope "
                    + prefix + "`");
        }
        Optional<HistoryStore.Coverage> coverage = store.coverage(prefix);
        if (coverage.isEmpty()) {
            return Optional.of("scope " + prefix + " has no history yet: build it (and the report) with "
                    + "`phlogiston run --mode rerecon --scope " + prefix + "`");
        }
        Long builtFrom = coverage.get().loadId();
        if (builtFrom == null || builtFrom != current.get().id()) {
            String built = builtFrom == null ? "a load it does not record (it was built before histories kept track)"
                    : loads.find(builtFrom).map(LoadHistory::describe).orElse("load #" + builtFrom + " (no longer recorded)");
            return Optional.of("the history of " + prefix + " was built from " + built + ", but the data loaded now is "
                    + LoadHistory.describe(current.get()) + "; a report would mix the two. Bring the history up to date "
                    + "and report with `phlogiston run --mode incremental --load false --scope " + prefix + "`");
        }
        List<String> stored = store.storedRules(prefix);
        List<String> now = scope.rules().stream().map(HistoryStore::describe).toList();
        if (!stored.equals(now)) {
            return Optional.of("the rules of " + prefix + " (recategorization.csv, resolved against the loaded projects) "
                    + "are not those its history was built with: " + firstDifference(stored, scope.rules(), now)
                    + ". Rebuild the history with them and report: `phlogiston run --mode rerecon --scope " + prefix + "`");
        }
        return Optional.empty();
    }

    /** Refuses, with the reason and the command that fixes it, a report that would not read one snapshot. */
    public void requireReportable(ResolvedScope scope) {
        whyNotReportable(scope).ifPresent(why -> {
            throw new HistoryOutOfDateException(why);
        });
    }

    private static String firstDifference(List<String> stored, List<ResolvedRule> rules, List<String> now) {
        for (int i = 0; i < Math.min(stored.size(), now.size()); i++) {
            if (!stored.get(i).equals(now.get(i))) {
                return "rule %d (line %d) was %s, is now %s".formatted(i + 1, rules.get(i).line(), stored.get(i), now.get(i));
            }
        }
        return "it had %d rules, now %d".formatted(stored.size(), now.size());
    }

    /** A report refused because the history is not of the data or rules in use now. */
    public static final class HistoryOutOfDateException extends IllegalStateException {
        HistoryOutOfDateException(String message) {
            super(message);
        }
    }
}
