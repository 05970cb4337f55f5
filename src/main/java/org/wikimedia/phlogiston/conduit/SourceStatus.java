package org.wikimedia.phlogiston.conduit;

import java.util.Optional;

import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.PhlogistonProperties;
import org.wikimedia.phlogiston.Secrets;
import org.wikimedia.phlogiston.dump.LoadHistory;

/**
 * The source block of {@code phlogiston status}: the source configured and, when a Conduit install is set, its last
 * fetch and the unfinished one. Never the token: only the install's address and projects are shown.
 */
@Component
public class SourceStatus {

    private final PhlogistonProperties properties;
    private final ConduitFetches fetches;
    private final LoadHistory loads;

    SourceStatus(PhlogistonProperties properties, ConduitFetches fetches, LoadHistory loads) {
        this.properties = properties;
        this.fetches = fetches;
        this.loads = loads;
    }

    public String report() {
        StringBuilder out = new StringBuilder();
        PhlogistonProperties.Conduit conduit = properties.conduit();
        out.append("Source (phlogiston.source): ");
        if (PhlogistonProperties.CONDUIT_SOURCE.equals(properties.source())) {
            out.append("Conduit").append(conduit.url() == null ? ", but phlogiston.conduit.url is not set" : "").append('\n');
        } else {
            out.append("the dump at ").append(Secrets.mask(properties.dump().sourceUrl().toString())).append('\n');
        }
        if (conduit.url() == null) {
            return out.toString();
        }
        String url = ConduitSource.storedUrl(conduit.url());
        out.append("Conduit install: ").append(url)
                .append(conduit.projects().isEmpty() ? ", every project" : ", projects " + String.join(", ", conduit.projects()))
                .append('\n');
        ConduitFetches.Shown shown = fetches.shown(url);
        if (shown.lastFinished().isEmpty() && shown.unfinished().isEmpty()) {
            out.append("  No fetch yet: the first `load --source conduit` fetches every task.\n");
        }
        shown.lastFinished().ifPresent(fetch -> out.append(lastFetch(fetch)));
        shown.unfinished().ifPresent(fetch -> out.append("""
                  Unfinished fetch #%d of %s, started %s: %s so far.
                    The next `load --source conduit` goes on from there.
                """.formatted(fetch.id(), fetch.asked(), LoadHistory.readable(fetch.startedAt()), fetch.counts())));
        return out.toString();
    }

    /**
     * The last finished fetch, and how many of its tasks are new to the data: the tasks the load it published has
     * more than the load before.
     */
    private String lastFetch(ConduitFetches.Fetch fetch) {
        String outcome = fetch.outcome().equals("published")
                ? "published as load #" + fetch.loadId() : "nothing had changed, the data stayed as it was";
        String newTasks = "";
        Optional<LoadHistory.Attempt> load = fetch.outcome().equals("published") ? loads.find(fetch.loadId()) : Optional.empty();
        if (load.isPresent()) {
            long tasksBefore = loads.loadedBefore(fetch.loadId()).map(before -> before.rowCounts().get("maniphest_task")).orElse(0L);
            long added = Math.max(0, load.get().rowCounts().get("maniphest_task") - tasksBefore);
            newTasks = "; of those tasks %,d new to the data, %,d %s".formatted(added, fetch.tasks() - added,
                    fetch.modifiedSince() == null ? "in it already" : "changed");
        }
        return """
                  Last fetch #%d of %s, started %s: %s.
                    %s%s.
                """.formatted(fetch.id(), fetch.asked(), LoadHistory.readable(fetch.startedAt()), outcome,
                fetch.counts(), newTasks);
    }
}
