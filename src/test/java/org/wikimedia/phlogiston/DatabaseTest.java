package org.wikimedia.phlogiston;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tests that run the application on a real PostgreSQL: the embedded server, started once for the test run in
 * {@value #DATA_DIR} (or the server given by PHLOGISTON_DB_URL). Each test class has a database of its own there,
 * made afresh when its application starts, which the commands it runs in-process with {@code --data-dir} {@value
 * #DATA_DIR} use too (see database.DatabasePerTestClass): no class sees what another left behind, whatever their
 * order. The clock is pinned to the reference run's day. The default dump source is a file
 * that does not exist: a test that loads must name its dump.
 */
@SpringBootTest(properties = {
        "phlogiston.data-dir=" + DatabaseTest.DATA_DIR,
        "phlogiston.as-of=2019-03-15",
        "phlogiston.dump.source-url=target/no-default-dump-in-tests.dump"})
public abstract class DatabaseTest {

    /** The data directory of the test server, which every test class shares. */
    public static final String DATA_DIR = "target/test-data";

    @Autowired
    protected JdbcTemplate jdbc;

    @Value("${phlogiston.db.embedded-database}")
    private String database;

    protected long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    /** The name of this class's database on the test server. */
    protected String database() {
        return database;
    }
}
