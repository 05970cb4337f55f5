package org.wikimedia.phlogiston.conduit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import org.wikimedia.phlogiston.database.SqlFiles;

/**
 * The tables of the live source (sql/migration/V14__conduit_source.sql): the fetches ({@code conduit_fetch}), the
 * pages an unfinished one has got ({@code conduit_fetched_task}) and the mirror of the last published one
 * ({@code conduit_task}, {@code conduit_project_section}).
 */
@Repository
class ConduitFetchStore {

    /** The statements of a fetch, by name. */
    private static final String FETCH = "sql/conduit/fetch.sql";

    /** Rows read at a time when a dump is composed: the mirror of a large install does not fit in memory. */
    private static final int COMPOSE_FETCH_SIZE = 500;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    ConduitFetchStore(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** A fetch as stored: what it asks for and how far it has got. */
    record Fetch(long id, Instant startedAt, Instant modifiedSince, List<String> projects, int projectIndex, String cursor) {

        boolean incremental() {
            return modifiedSince != null;
        }
    }

    /** Receives the composed dump's tasks one at a time. */
    @FunctionalInterface
    interface TaskBodies {
        void task(int id, String body) throws IOException;
    }

    /** The unfinished fetch of {@code url}, if there is one. */
    Optional<Fetch> unfinished(String url) {
        return jdbc.query(SqlFiles.statement(FETCH, "unfinished"), this::fetch, url).stream().findFirst();
    }

    /** When the fetch that the mirror is built on began, if the mirror holds {@code url} and these projects. */
    Optional<Instant> watermark(String url, List<String> projects) {
        return jdbc.query(SqlFiles.statement(FETCH, "watermark"), (rs, row) -> instant(rs, "started_at"),
                projects.toArray(String[]::new), url, url).stream().filter(Objects::nonNull).findFirst();
    }

    Fetch start(String url, Instant startedAt, Instant modifiedSince, List<String> projects) {
        long id = jdbc.queryForObject(SqlFiles.statement(FETCH, "start"), Long.class, url, Timestamp.from(startedAt),
                timestamp(modifiedSince), projects.toArray(String[]::new));
        return new Fetch(id, startedAt, modifiedSince, projects, 0, null);
    }

    /** A fetch that will not be resumed: another one, asking for something else, takes its place. */
    void abandon(long fetchId, Instant at, String why) {
        jdbc.update(SqlFiles.statement(FETCH, "abandon"), Timestamp.from(at), why, fetchId);
        jdbc.update(SqlFiles.statement(FETCH, "drop_pages"), fetchId);
    }

    /** The load now working on the fetch, and the project section it read, with the requests that took. */
    void projectSection(long fetchId, long loadId, String section, long requests) {
        jdbc.update(SqlFiles.statement(FETCH, "project_section"), loadId, section, requests, fetchId);
    }

    /**
     * One page, in one transaction with where the fetch goes on ({@code pass} and {@code cursor}) and its counts:
     * a fetch that stops after it resumes after it.
     */
    void savePage(long fetchId, List<ConduitReader.FetchedTask> tasks, List<String> bodies, int pass, String cursor,
                  long requests) {
        int transactions = tasks.stream().mapToInt(ConduitReader.FetchedTask::transactions).sum();
        transaction.executeWithoutResult(status -> {
            if (!tasks.isEmpty()) {
                jdbc.update(SqlFiles.read("sql/conduit/save_page.sql"), fetchId,
                        tasks.stream().map(ConduitReader.FetchedTask::id).toArray(Integer[]::new),
                        tasks.stream().map(task -> task.dateModified().toString()).toArray(String[]::new),
                        bodies.toArray(String[]::new));
            }
            jdbc.update(SqlFiles.statement(FETCH, "advance"), pass, cursor, requests, tasks.size(), transactions, fetchId);
        });
    }

    /** Why the fetch stopped, and the requests its last attempt made; it stays resumable. */
    void stopped(long fetchId, long requests, String message) {
        jdbc.update(SqlFiles.statement(FETCH, "stopped"), requests, message, fetchId);
    }

    long fetchedTasks(long fetchId) {
        return jdbc.queryForObject(SqlFiles.statement(FETCH, "fetched_tasks"), Long.class, fetchId);
    }

    /** The project section of the mirror, if it holds {@code url}. */
    Optional<String> mirroredProjectSection(String url) {
        return jdbc.queryForList(SqlFiles.statement(FETCH, "mirrored_project_section"), String.class, url).stream().findFirst();
    }

    /** A fetch that got nothing new: it counts as the mirror's latest, so the next one asks for changes since it. */
    void unchanged(long fetchId, Instant at) {
        jdbc.update(SqlFiles.statement(FETCH, "unchanged"), Timestamp.from(at), fetchId);
    }

    /** The tasks of the dump {@code fetch} composes, in id order, read a few hundred at a time. */
    void composedTasks(Fetch fetch, TaskBodies bodies) {
        transaction.executeWithoutResult(status -> {
            JdbcTemplate streaming = new JdbcTemplate(dataSource);
            streaming.setFetchSize(COMPOSE_FETCH_SIZE);
            streaming.query(SqlFiles.read("sql/conduit/composed_tasks.sql"), rs -> {
                try {
                    bodies.task(rs.getInt("task_id"), rs.getString("body"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, fetch.id(), fetch.incremental(), fetch.id());
        });
    }

    /** Makes the fetch of load {@code loadId} the mirror; runs in the caller's transaction (the publish). */
    void publish(long loadId, Instant at) {
        Long fetchId = jdbc.queryForObject(SqlFiles.statement(FETCH, "fetch_to_publish"), Long.class, loadId);
        if (fetchId == null) {
            throw new IllegalStateException("Load #" + loadId + " has no Conduit fetch to publish");
        }
        jdbc.queryForObject(SqlFiles.statement(FETCH, "publishing"), (rs, row) -> null, fetchId.toString(), at.toString());
        SqlFiles.script("sql/conduit/publish_fetch.sql").forEach(jdbc::execute);
    }

    private Fetch fetch(ResultSet rs, int row) throws SQLException {
        Array projects = rs.getArray("projects");
        return new Fetch(rs.getLong("id"), instant(rs, "started_at"), instant(rs, "modified_since"),
                List.of((String[]) projects.getArray()), rs.getInt("project_index"), rs.getString("cursor"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
