package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

import org.wikimedia.phlogiston.DatabaseTest;

/**
 * Migration V13 on a database whose reports wrote task-days into the table task_on_date_recategorized (migrated to
 * V12 in a schema of its own): the task-days become intervals of consecutive days with the same values, and the
 * view of the same name shows exactly the rows the table held; a view of the user's on the old table stops the
 * migration, which then changes nothing.
 */
class RecategorizedIntervalsMigrationTest extends DatabaseTest {

    /** Task 1: three equal days, one of another category, one equal to the first three; task 2: two days, no points. */
    private static final String TASK_DAYS = """
            INSERT INTO task_on_date_recategorized
                   (scope, date, id, category, project_id, projectcolumn, phab_category_title, status, points,
                    maint_type, priority)
            VALUES ('alp', '2019-01-01', 1, 'Doing', 5, 'Doing', NULL, 'open', 3, 'Maintenance', 50),
                   ('alp', '2019-01-02', 1, 'Doing', 5, 'Doing', NULL, 'open', 3, 'Maintenance', 50),
                   ('alp', '2019-01-03', 1, 'Doing', 5, 'Doing', NULL, 'open', 3, 'Maintenance', 50),
                   ('alp', '2019-01-04', 1, 'Done', 5, 'Done', NULL, 'resolved', 3, 'Maintenance', 50),
                   ('alp', '2019-01-05', 1, 'Doing', 5, 'Doing', NULL, 'open', 3, 'Maintenance', 50),
                   ('alp', '2019-01-02', 2, 'Doing', 5, 'Doing', 'Goal', 'open', NULL, NULL, NULL),
                   ('alp', '2019-01-03', 2, 'Doing', 5, 'Doing', 'Goal', 'open', NULL, NULL, NULL),
                   ('bet', '2019-01-02', 1, 'Other', 6, '', NULL, 'open', 1, NULL, 10)""";

    private static final String ROWS = """
            SELECT concat_ws(' ', scope, date::date, id, category, project_id, projectcolumn, phab_category_title,
                             status, points, maint_type, priority)
              FROM %s.task_on_date_recategorized ORDER BY 1""";

    @Test
    void theTaskDaysOfEarlierReportsBecomeIntervalsThatTheViewShowsAsTheyWere() {
        Flyway atV12 = flyway("reports_v12", "12");
        atV12.migrate();
        jdbc.update(TASK_DAYS.replace("INSERT INTO ", "INSERT INTO reports_v12."));
        List<String> before = jdbc.queryForList(ROWS.formatted("reports_v12"), String.class);

        flyway("reports_v12", "13").migrate();

        assertThat(jdbc.queryForList(ROWS.formatted("reports_v12"), String.class)).hasSize(8).isEqualTo(before);
        assertThat(jdbc.queryForList("""
                SELECT concat_ws(' ', scope, id, first_day, last_day, category, status, points)
                  FROM reports_v12.task_category_interval ORDER BY scope, id, first_day""", String.class))
                .containsExactly(
                        "alp 1 2019-01-01 2019-01-03 Doing open 3",
                        "alp 1 2019-01-04 2019-01-04 Done resolved 3",
                        "alp 1 2019-01-05 2019-01-05 Doing open 3",
                        "alp 2 2019-01-02 2019-01-03 Doing open",
                        "bet 1 2019-01-02 2019-01-02 Other open 1");
    }

    @Test
    void aViewOfTheUsersOnTheOldTableStopsTheMigrationWhichChangesNothing() {
        flyway("reports_viewed", "12").migrate();
        jdbc.update(TASK_DAYS.replace("INSERT INTO ", "INSERT INTO reports_viewed."));
        jdbc.execute("CREATE VIEW reports_viewed.my_done_days AS "
                + "SELECT * FROM reports_viewed.task_on_date_recategorized WHERE status = 'resolved'");

        assertThatThrownBy(() -> flyway("reports_viewed", "13").migrate())
                .isInstanceOf(FlywayException.class).hasMessageContaining("my_done_days");

        assertThat(jdbc.queryForObject("""
                SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'reports_viewed' AND c.relname = 'task_on_date_recategorized'""", String.class))
                .as("still a table").isEqualTo("r");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reports_viewed.task_on_date_recategorized", Long.class))
                .isEqualTo(8);
        assertThat(jdbc.queryForObject("SELECT to_regclass('reports_viewed.task_category_interval') IS NULL",
                Boolean.class)).isTrue();
    }

    /** The program's migrations up to {@code version}, in a schema of their own in this class's database. */
    private Flyway flyway(String schema, String version) {
        return Flyway.configure().dataSource(jdbc.getDataSource()).schemas(schema)
                .locations("classpath:sql/migration").target(version).load();
    }
}
