package org.wikimedia.phlogiston.dump;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.wikimedia.phlogiston.database.SqlFiles;

/**
 * The schema {@code load_staging}, where a load is built before it replaces the live tables in one transaction.
 * The live tables are never written to in place, so a load that fails at any point leaves the previous one
 * exactly as it was.
 */
@Component
public class StagingArea {

    private static final Logger log = LoggerFactory.getLogger(StagingArea.class);

    private static final String STAGING_SQL = "sql/load/staging.sql";

    /** The tables a load publishes, in the order they are counted and reported. */
    static final List<String> PUBLISHED_TABLES = List.of("phabricator_project", "phabricator_column", "maniphest_task",
            "maniphest_transaction", "task_project_interval", "maniphest_task_tag", "maniphest_blocked");

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final UserViews userViews;

    public StagingArea(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transaction, UserViews userViews) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.userViews = userViews;
    }

    /** An empty staging schema, dropping whatever an earlier, unfinished load left there. */
    void prepare() {
        runScript("sql/load/prepare_staging.sql");
    }

    StagingWriter writer() throws SQLException {
        return new StagingWriter(dataSource);
    }

    /** Builds the tables that refer by id, gives every table its keys and indexes, and updates statistics. */
    void finish(LocalDate loadDay) {
        long started = System.nanoTime();
        transaction.executeWithoutResult(status -> {
            jdbc.queryForObject(SqlFiles.statement(STAGING_SQL, "set_load_day"), String.class, loadDay.toString());
            runScript("sql/load/finalize.sql");
        });
        long linked = System.nanoTime();
        String[] tables = PUBLISHED_TABLES.toArray(String[]::new);
        List<String> keysAndIndexes = jdbc.queryForList(SqlFiles.read("sql/load/staged_indexes.sql"), String.class, tables, tables);
        keysAndIndexes.forEach(jdbc::execute);
        long indexed = System.nanoTime();
        PUBLISHED_TABLES.forEach(table -> jdbc.execute("ANALYZE load_staging." + table));
        log.info("Linked columns, project memberships and subtasks in {} s, built keys and indexes in {} s, "
                + "statistics in {} s", seconds(linked - started), seconds(indexed - linked),
                seconds(System.nanoTime() - indexed));
    }

    private static String seconds(long nanos) {
        return "%.1f".formatted(nanos / 1e9);
    }

    /** Defects that show only across rows: references to projects, columns or tasks not in the dump. */
    void countCrossReferenceDefects(DefectLog defects) {
        jdbc.query(SqlFiles.read("sql/load/defects.sql"), rs -> {
            Array examples = rs.getArray("examples");
            List<Number> ids = examples == null ? List.of() : Arrays.stream((Object[]) examples.getArray()).map(Number.class::cast).toList();
            defects.addAll(Defect.valueOf(rs.getString("kind")), rs.getLong("count"), ids);
        });
    }

    /** Rows per staged table: those COPY counted ({@code copied}), the others counted here. */
    Map<String, Long> rowCounts(Map<String, Long> copied) {
        Map<String, Long> counts = new LinkedHashMap<>();
        PUBLISHED_TABLES.forEach(table -> counts.put(table, copied.containsKey(table) ? copied.get(table)
                : jdbc.queryForObject("SELECT count(*) FROM load_staging." + table, Long.class)));
        return counts;
    }

    /**
     * Replaces the live tables with the staged ones, recreates the views over them (Phlogiston's own, then the users'
     * views, see {@link UserViews}) in one transaction, in which {@code record} runs too (recording the load, with the
     * users' views that could not be made again, or none: the record and the data never disagree).
     */
    void publish(Consumer<List<String>> record) {
        transaction.executeWithoutResult(status -> {
            List<UserViews.Saved> views = userViews.dependingOn(PUBLISHED_TABLES);
            PUBLISHED_TABLES.forEach(table -> {
                jdbc.execute("DROP TABLE public." + table + " CASCADE");
                jdbc.execute("ALTER TABLE load_staging." + table + " SET SCHEMA public");
            });
            runScript(UserViews.PUBLISHED_VIEWS);
            List<String> lost = userViews.recreate(views, status);
            jdbc.execute(SqlFiles.statement(STAGING_SQL, "drop_published"));
            record.accept(lost);
        });
    }

    /** Drops a load that will not be published. */
    void discard() {
        jdbc.execute(SqlFiles.statement(STAGING_SQL, "discard"));
    }

    /** Runs a script on the connection of the current transaction, if there is one. */
    private void runScript(String path) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource(path));
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
