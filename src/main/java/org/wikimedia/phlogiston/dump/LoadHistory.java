package org.wikimedia.phlogiston.dump;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import org.wikimedia.phlogiston.Secrets;
import org.wikimedia.phlogiston.database.SqlFiles;

/** The table {@code dump_load}: one row per load attempt, the last successful one being the data in use. */
@Repository
public class LoadHistory {

    /** Its statements, by name. */
    private static final String DUMP_LOAD = "sql/load/dump_load.sql";

    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public LoadHistory(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public enum Outcome { RUNNING, LOADED, UNCHANGED, FAILED }

    /** One attempt, as stored. */
    public record Attempt(long id, String source, String etag, String lastModified, String sha256, Long byteSize,
                          Instant startedAt, Instant finishedAt, Outcome outcome, String message,
                          Map<String, Long> rowCounts, Map<String, Map<String, Object>> defects, Instant dataUntil) {
    }

    long start(String source, Instant at, long jobExecutionId) {
        return jdbc.queryForObject(SqlFiles.statement(DUMP_LOAD, "start"), Long.class, source, Timestamp.from(at), jobExecutionId);
    }

    /** Completes the record of the load with what its steps found. */
    void finish(String source, LoadState state, Outcome outcome, String message) {
        finish(new Attempt(state.loadId(), source, state.etag(), state.lastModified(), state.sha256(), state.bytes(), null,
                Instant.now(), outcome, message, state.rowCounts(), state.defects(), state.dataUntil()));
    }

    private void finish(Attempt attempt) {
        jdbc.update(SqlFiles.statement(DUMP_LOAD, "finish"),
                attempt.etag(), attempt.lastModified(), attempt.sha256(), attempt.byteSize(), timestamp(attempt.finishedAt()),
                attempt.outcome().name().toLowerCase(Locale.ROOT), attempt.message(), toJson(attempt.rowCounts()),
                toJson(attempt.defects()), timestamp(attempt.dataUntil()), attempt.id());
    }

    /** The load whose data is in the live tables. */
    public Optional<Attempt> current() {
        return jdbc.query(SqlFiles.statement(DUMP_LOAD, "current"), this::attempt).stream().findFirst();
    }

    /**
     * The last successful load of this source (masked): what tells whether the source has anything fresher. Loads
     * recorded before sources were masked kept their credentials; their masked form is compared.
     */
    Optional<DumpFetcher.Previous> lastLoadOf(String source) {
        return jdbc.query(SqlFiles.statement(DUMP_LOAD, "loads_of_source"), this::attempt, source).stream()
                .filter(load -> Secrets.mask(load.source()).equals(source))
                .findFirst()
                .map(a -> new DumpFetcher.Previous(a.etag(), a.lastModified(), a.sha256(), a.byteSize() == null ? -1 : a.byteSize()));
    }

    public Optional<Attempt> find(long id) {
        return jdbc.query(SqlFiles.statement(DUMP_LOAD, "find"), this::attempt, id).stream().findFirst();
    }

    /** The last load published before load {@code id}, if any. */
    public Optional<Attempt> loadedBefore(long id) {
        return jdbc.query(SqlFiles.statement(DUMP_LOAD, "loaded_before"), this::attempt, id).stream().findFirst();
    }

    /**
     * What a published load changed in the data, told from the row counts against the load before it: "+3 tasks,
     * +45 transactions since load #4"; empty for the first load.
     */
    public Optional<String> changeSincePrevious(Attempt load) {
        return loadedBefore(load.id()).map(before -> "%s, %s since load #%d".formatted(
                difference(load, before, "maniphest_task", "task"), difference(load, before, "maniphest_transaction", "transaction"),
                before.id()));
    }

    /** How many more rows of {@code table} load {@code a} has than {@code before}: {@code +3 tasks}, {@code -1 task}. */
    private static String difference(Attempt a, Attempt before, String table, String noun) {
        long change = a.rowCounts().getOrDefault(table, 0L) - before.rowCounts().getOrDefault(table, 0L);
        return "%+,d %s%s".formatted(change, noun, Math.abs(change) == 1 ? "" : "s");
    }

    public List<Attempt> recent(int limit) {
        return jdbc.query(SqlFiles.statement(DUMP_LOAD, "recent"), this::attempt, limit);
    }

    /** What {@code phlogiston status} prints. */
    public String report(int attempts) {
        StringBuilder out = new StringBuilder();
        Optional<Attempt> current = current();
        if (current.isEmpty()) {
            out.append("No dump has been loaded yet. Run: phlogiston load\n");
        } else {
            Attempt a = current.get();
            out.append("Current data: load #%d of %s%n".formatted(a.id(), a.source()));
            out.append("  loaded %s, data until %s%n".formatted(readable(a.finishedAt()), readable(a.dataUntil())));
            out.append("  sha256 %s, %,d bytes%n".formatted(a.sha256(), a.byteSize()));
            StagingArea.PUBLISHED_TABLES.forEach(table -> out.append("  %-22s %,12d rows%n".formatted(table, a.rowCounts().get(table))));
            out.append(describeDefects(a.defects()));
        }
        List<Attempt> recent = recent(attempts);
        if (!recent.isEmpty()) {
            out.append("Last %d load attempts:%n".formatted(recent.size()));
            recent.forEach(a -> out.append("  #%-4d %-9s %s  %s  %s%s%n".formatted(a.id(), a.outcome().name().toLowerCase(Locale.ROOT),
                    readable(a.startedAt()), took(a), a.source(), a.message() == null ? "" : " — " + a.message())));
        }
        return Secrets.mask(out.toString()); // a load recorded before sources were masked kept its credentials
    }

    /** A load in the words of {@code phlogiston status}: "load #4 (loaded 2026-11-26 10:15:00 UTC, data until …)". */
    public static String describe(Attempt a) {
        return "load #%d (loaded %s, data until %s)".formatted(a.id(), readable(a.finishedAt()), readable(a.dataUntil()));
    }

    /** The defects of a load, one line per kind in the order of {@link Defect}, with example ids. */
    static String describeDefects(Map<String, Map<String, Object>> defects) {
        StringBuilder out = new StringBuilder();
        for (Defect defect : Defect.values()) {
            Map<String, Object> tally = defects.get(defect.key());
            if (tally != null) {
                out.append("  %-26s %,8d  %s, e.g. %s %s%n".formatted(defect.key(), ((Number) tally.get("count")).longValue(),
                        defect.description(), defect.exampleNoun(), tally.get("examples")));
            }
        }
        return out.toString();
    }

    /** {@code 2026-11-26 10:15:00 UTC}; {@code -} for none. */
    public static String readable(Instant instant) {
        return instant == null ? "-" : READABLE.format(instant);
    }

    private static String took(Attempt a) {
        if (a.finishedAt() == null) {
            return "(not finished)";
        }
        Duration d = Duration.between(a.startedAt(), a.finishedAt());
        return "%dm%02ds".formatted(d.toMinutes(), d.toSecondsPart());
    }

    private Attempt attempt(ResultSet rs, int row) throws SQLException {
        return new Attempt(rs.getLong("id"), rs.getString("source"), rs.getString("etag"), rs.getString("last_modified"),
                rs.getString("sha256"), rs.getObject("byte_size", Long.class), instant(rs, "started_at"), instant(rs, "finished_at"),
                Outcome.valueOf(rs.getString("outcome").toUpperCase(Locale.ROOT)), rs.getString("message"),
                fromJson(rs.getString("row_counts"), new TypeReference<>() { }),
                fromJson(rs.getString("defects"), new TypeReference<>() { }), instant(rs, "data_until"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value == null ? Map.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T fromJson(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dump_load holds malformed JSON: " + text, e);
        }
    }
}
