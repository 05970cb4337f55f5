package org.wikimedia.phlogiston.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;

import org.wikimedia.phlogiston.ReferenceRun;

/**
 * Puts the original's history of a reference scope in place of ours: its task_on_date and its
 * task_on_date_recategorized (each row a one-day interval of our task_state_interval and task_category_interval),
 * read with PostgreSQL's own CSV reader so that empty strings stay apart from nulls. A report stage fed with them can be
 * compared with the original's report files without the reconstruction Fixes (which change the history itself) getting
 * in the way.
 */
final class OriginalHistory {

    private OriginalHistory() {
    }

    /** Replaces the scope's history and recategorized rows by the original's. */
    static void install(JdbcTemplate jdbc, String scope) {
        jdbc.update("DELETE FROM task_state_interval WHERE scope = ?", scope);
        jdbc.update("DELETE FROM task_category_interval WHERE scope = ?", scope);
        jdbc.execute("DROP TABLE IF EXISTS original_task_on_date");
        jdbc.execute("""
                CREATE TABLE original_task_on_date (scope text, date timestamp, id integer, status text,
                    project_id integer, project text, projectcolumn text, points integer, maint_type text,
                    priority integer, category_title text)""");
        copy(jdbc, "original_task_on_date", "expected/" + scope + "/task_on_date.csv");
        jdbc.update("""
                INSERT INTO task_state_interval (scope, id, first_day, last_day, status, project_id, project,
                                                 projectcolumn, points, maint_type, priority, category_title)
                SELECT scope, id, date::date, date::date, status, project_id, project, projectcolumn, points,
                       maint_type, priority, category_title
                  FROM original_task_on_date""");
        jdbc.execute("DROP TABLE original_task_on_date");
        jdbc.execute("DROP TABLE IF EXISTS original_recategorized");
        jdbc.execute("CREATE TABLE original_recategorized (LIKE task_on_date_recategorized)");
        copy(jdbc, "original_recategorized", "expected/" + scope + "/task_on_date_recategorized.csv");
        jdbc.update("""
                INSERT INTO task_category_interval (scope, id, first_day, last_day, category, project_id, projectcolumn,
                                                    phab_category_title, status, points, maint_type, priority)
                SELECT scope, id, date::date, date::date, category, project_id, projectcolumn, phab_category_title,
                       status, points, maint_type, priority
                  FROM original_recategorized""");
        jdbc.execute("DROP TABLE original_recategorized");
    }

    private static void copy(JdbcTemplate jdbc, String table, String file) {
        jdbc.execute((java.sql.Connection connection) -> {
            try (Reader in = Files.newBufferedReader(ReferenceRun.DIR.resolve(file))) {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY " + table + " FROM STDIN WITH (FORMAT csv, HEADER true)", in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not copy " + file, e);
            }
            return null;
        });
    }
}
