package org.wikimedia.phlogiston.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import org.wikimedia.phlogiston.DatabaseTest;

/**
 * A user's views on the loaded tables outlive the next load, which replaces those tables: made again as they were
 * (views on views, on Phlogiston's own views, materialized ones, owners, comments and grants); one that cannot be made again is
 * named in the load's summary and record, and the load publishes without it.
 */
class UserViewsTest extends DatabaseTest {

    private static final String SCHEMA = "user_views_test";

    @Autowired
    DumpLoader loader;

    @Autowired
    LoadHistory history;

    @TempDir
    Path dir;

    @BeforeEach
    void loadTenTasks() throws IOException {
        jdbc.execute("TRUNCATE dump_load");
        assertThat(load(DumpLoadTest.tenTasks(), "ten.dump").outcome()).isEqualTo(LoadHistory.Outcome.LOADED);
        jdbc.execute("CREATE SCHEMA " + SCHEMA);
    }

    @AfterEach
    void dropTheUsersViews() {
        jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    @Test
    void theUsersViewsOnTheLoadedTablesAreMadeAgainOverTheNewOnes() throws IOException {
        jdbc.execute("CREATE VIEW user_views_test.open_tasks AS SELECT id, title FROM maniphest_task WHERE status_at_load = 'open'");
        jdbc.execute("COMMENT ON VIEW user_views_test.open_tasks IS 'The open tasks, for the team''s board'");
        jdbc.execute("GRANT SELECT ON user_views_test.open_tasks TO PUBLIC");
        jdbc.execute("CREATE VIEW user_views_test.open_count AS SELECT count(*) AS n FROM user_views_test.open_tasks");
        jdbc.execute("CREATE VIEW user_views_test.edge_tasks AS SELECT DISTINCT task_id FROM maniphest_edge_transaction");
        jdbc.execute("CREATE MATERIALIZED VIEW user_views_test.task_count AS SELECT count(*) AS n FROM maniphest_task");
        jdbc.execute("DO $$ BEGIN CREATE ROLE user_views_test_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        jdbc.execute("CREATE VIEW user_views_test.owned AS SELECT id FROM maniphest_task");
        jdbc.execute("ALTER VIEW user_views_test.owned OWNER TO user_views_test_owner");
        assertThat(count("user_views_test.open_count", "n")).isEqualTo(5);

        TestDump twelveTasks = DumpLoadTest.tenTasks();
        twelveTasks.task(110, "open", null).tag(2);
        twelveTasks.task(111, "open", null).tag(2);
        LoadOutcome outcome = load(twelveTasks, "twelve.dump");

        assertThat(outcome.outcome()).isEqualTo(LoadHistory.Outcome.LOADED);
        assertThat(outcome.summary()).doesNotContain("could not be made again");
        assertThat(count("user_views_test.open_count", "n")).isEqualTo(7);
        assertThat(count("user_views_test.task_count", "n")).isEqualTo(12);
        assertThat(count("user_views_test.edge_tasks", "count(*)")).isEqualTo(10);
        assertThat(jdbc.queryForObject("SELECT obj_description('user_views_test.open_tasks'::regclass, 'pg_class')",
                String.class)).isEqualTo("The open tasks, for the team's board");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = "
                + "'user_views_test.open_tasks'::regclass AND a.grantee = 0 AND a.privilege_type = 'SELECT'", Integer.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'user_views_test.owned'::regclass",
                String.class)).isEqualTo("user_views_test_owner");
    }

    @Test
    void aViewThatCannotBeMadeAgainIsNamedAndTheLoadStillPublishes() throws IOException {
        // As after an upgrade of Phlogiston: its own view had a column (edited_by) that the load's version lacks.
        jdbc.execute("DROP VIEW maniphest_edge_transaction");
        jdbc.execute("CREATE VIEW maniphest_edge_transaction AS SELECT task_id, author_phid AS edited_by FROM maniphest_transaction");
        jdbc.execute("CREATE VIEW user_views_test.team_tasks AS SELECT task_id, edited_by FROM maniphest_edge_transaction");
        jdbc.execute("CREATE VIEW user_views_test.team_count AS SELECT count(*) AS n FROM user_views_test.team_tasks");
        jdbc.execute("CREATE VIEW user_views_test.kept AS SELECT id FROM maniphest_task");

        TestDump elevenTasks = DumpLoadTest.tenTasks();
        elevenTasks.task(110, "open", null).tag(2);
        LoadOutcome outcome = load(elevenTasks, "eleven.dump");

        assertThat(outcome.outcome()).isEqualTo(LoadHistory.Outcome.LOADED);
        String lost = "user_views_test.team_tasks (column \"edited_by\" does not exist), "
                + "user_views_test.team_count (relation \"user_views_test.team_tasks\" does not exist)";
        assertThat(outcome.summary()).contains("The load is published, but without the views built on the loaded tables "
                + "that could not be made again over the new ones (their definitions are in the load's log): " + lost);
        assertThat(history.report(1)).contains(lost);
        assertThat(count("maniphest_task", "count(*)")).isEqualTo(11);
        assertThat(count("user_views_test.kept", "count(*)")).isEqualTo(11);
        assertThat(count("maniphest_edge_transaction", "count(DISTINCT task_id)")).isEqualTo(10);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_class WHERE relnamespace = 'user_views_test'::regnamespace",
                Integer.class)).isEqualTo(1);
    }

    private LoadOutcome load(TestDump dump, String name) throws IOException {
        return loader.load(dump.writeTo(dir.resolve(name)).toString(), true);
    }

    private long count(String relation, String expression) {
        return jdbc.queryForObject("SELECT " + expression + " FROM " + relation, Long.class);
    }
}
