package org.wikimedia.phlogiston.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import org.wikimedia.phlogiston.database.SqlFiles;
import org.wikimedia.phlogiston.dump.LoadHistory;

/**
 * What the database holds for the kill campaign, read in one go: the live load and the scope's history. A kill may
 * leave either of them as it was or as a completed run leaves it, never anything in between.
 */
record StoredState(LiveLoad load, History history) {

    /** The benchmarks' statements on the database, each by its name. */
    static final String SQL = "sql/benchmark/benchmark.sql";

    /**
     * The load the live tables are from, by its last {@code loaded} row of dump_load, and the rows each table
     * really has. The load publishes all tables in one transaction, so every count must be the one recorded.
     */
    record LiveLoad(long id, String source, Map<String, Long> recorded, Map<String, Long> live, boolean stagingLeft) {

        List<String> problems() {
            List<String> problems = new ArrayList<>();
            recorded.forEach((table, rows) -> {
                if (!rows.equals(live.get(table))) {
                    problems.add("%s has %,d rows, load #%d recorded %,d".formatted(table, live.get(table), id, rows));
                }
            });
            return problems;
        }
    }

    /**
     * The scope's history as one fingerprint (intervals, days covered, resolved rules) and the load it was built
     * from, which is kept apart: the same dump loaded again gives the same history from another load.
     */
    record History(long intervals, String fingerprint, Long dumpLoadId) {

        boolean sameAs(History other) {
            return intervals == other.intervals && Objects.equals(fingerprint, other.fingerprint)
                    && Objects.equals(dumpLoadId, other.dumpLoadId);
        }

        /** The history that a complete reconstruction on the given load gives, as the clean reference run made it. */
        boolean completeFor(History reference, long loadId) {
            return intervals == reference.intervals && Objects.equals(fingerprint, reference.fingerprint)
                    && Objects.equals(dumpLoadId, loadId);
        }

        @Override
        public String toString() {
            return "%,d intervals, %s, from load %s".formatted(intervals,
                    fingerprint == null ? "no fingerprint" : "md5 " + fingerprint.substring(0, 8), dumpLoadId);
        }
    }

    /** A statement the database was running for a client when asked. */
    record Statement(int pid, String state, double seconds, String waiting, String query) {

        boolean atWork() {
            return "active".equals(state) && !waiting.startsWith("Client:");
        }

        String describe(int width) {
            String text = query.length() > width ? query.substring(0, width) + "…" : query;
            return "`%s` (%s%.1f s%s)".formatted(text.replace("`", "'"), "active".equals(state) ? "" : state + ", ",
                    seconds, waiting.isEmpty() ? "" : ", " + waiting);
        }
    }

    static StoredState read(JdbcTemplate jdbc, LoadHistory loads, String scope) {
        return new StoredState(liveLoad(jdbc, loads), history(jdbc, scope));
    }

    private static LiveLoad liveLoad(JdbcTemplate jdbc, LoadHistory loads) {
        LoadHistory.Attempt current = loads.current()
                .orElseThrow(() -> new IllegalStateException("No dump is loaded: no row of dump_load says 'loaded'"));
        Map<String, Long> live = new TreeMap<>();
        current.rowCounts().keySet().forEach(table -> live.put(table,
                jdbc.queryForObject("SELECT count(*) FROM public." + quoted(table), Long.class)));
        boolean staging = Boolean.TRUE.equals(
                jdbc.queryForObject(SqlFiles.statement(SQL, "staging_exists"), Boolean.class));
        return new LiveLoad(current.id(), current.source(), new TreeMap<>(current.rowCounts()), live, staging);
    }

    private static History history(JdbcTemplate jdbc, String scope) {
        return new NamedParameterJdbcTemplate(jdbc).queryForObject(SqlFiles.read("sql/benchmark/scope_fingerprint.sql"),
                Map.of("scope", scope), (rs, row) -> new History(rs.getLong("intervals"), rs.getString("fingerprint"),
                        rs.getObject("dump_load_id", Long.class)));
    }

    static List<Statement> running(JdbcTemplate jdbc) {
        return jdbc.query(SqlFiles.read("sql/benchmark/running_statements.sql"), (rs, row) -> new Statement(rs.getInt("pid"),
                rs.getString("state"), rs.getDouble("seconds"), rs.getString("waiting"), rs.getString("query")));
    }

    /** How many of these backends are still there. */
    static int stillThere(JdbcTemplate jdbc, List<Integer> pids) {
        return jdbc.queryForObject(SqlFiles.statement(SQL, "backends_still_there"), Integer.class,
                (Object) pids.toArray(Integer[]::new));
    }

    private static String quoted(String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalStateException("dump_load names a table '" + table + "' that is not a plain table name");
        }
        return table;
    }
}
