package org.wikimedia.phlogiston.conduit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import org.wikimedia.phlogiston.database.SqlFiles;
import org.wikimedia.phlogiston.dump.LoadHistory;

/** The fetches from Conduit as {@code phlogiston status} and {@code history} tell them (table {@code conduit_fetch}). */
@Repository
public class ConduitFetches {

    private final JdbcTemplate jdbc;

    ConduitFetches(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One fetch and what it has got so far.
     *
     * @param outcome fetching, published, unchanged or failed
     * @param loadId  the last load that worked on it (for a published one, the load that published it)
     */
    public record Fetch(long id, String url, Instant startedAt, String outcome, Instant modifiedSince, List<String> projects,
                        long requests, long tasks, long transactions, Long loadId) {

        /** What it asks for: {@code every task}, {@code the tasks changed since 2026-12-01 11:50:00 UTC}. */
        public String asked() {
            return (modifiedSince == null ? "every task" : "the tasks changed since " + LoadHistory.readable(modifiedSince))
                    + (projects.isEmpty() ? "" : " of " + String.join(", ", projects));
        }

        /** {@code 27 requests, 3 tasks and 45 transactions fetched}. */
        public String counts() {
            return "%s, %s and %s fetched".formatted(plural(requests, "request"), plural(tasks, "task"), plural(transactions, "transaction"));
        }
    }

    /** The fetches of {@code url} to show: the last finished one and the unfinished one, each if there is one. */
    public Shown shown(String url) {
        List<Fetch> fetches = jdbc.query(SqlFiles.read("sql/conduit/shown_fetches.sql"), this::fetch, url);
        return new Shown(fetches.stream().filter(fetch -> !fetch.outcome().equals("fetching")).findFirst(),
                fetches.stream().filter(fetch -> fetch.outcome().equals("fetching")).findFirst());
    }

    public record Shown(Optional<Fetch> lastFinished, Optional<Fetch> unfinished) {
    }

    /** The fetch load {@code loadId} worked on, if it loaded from Conduit. */
    public Optional<Fetch> ofLoad(long loadId) {
        return jdbc.query(SqlFiles.read("sql/conduit/fetch_of_load.sql"), this::fetch, loadId).stream().findFirst();
    }

    static String plural(long count, String noun) {
        return "%,d %s%s".formatted(count, noun, count == 1 ? "" : "s");
    }

    private Fetch fetch(ResultSet rs, int row) throws SQLException {
        return new Fetch(rs.getLong("id"), rs.getString("url"), ConduitFetchStore.instant(rs, "started_at"), rs.getString("outcome"),
                ConduitFetchStore.instant(rs, "modified_since"), List.of((String[]) rs.getArray("projects").getArray()), rs.getLong("requests"),
                rs.getLong("tasks_fetched"), rs.getLong("transactions_fetched"), rs.getObject("load_id", Long.class));
    }
}
