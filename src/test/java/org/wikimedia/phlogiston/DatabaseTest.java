package org.wikimedia.phlogiston;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tests that run the application on a real PostgreSQL: the embedded server, started once for the test run in
 * target/test-data (or the server given by PHLOGISTON_DB_URL). The clock is pinned to the reference run's day.
 */
@SpringBootTest(properties = {
        "phlogiston.data-dir=target/test-data",
        "phlogiston.as-of=2019-03-15",
        "phlogiston.dump.source-url=http://localhost:1/not-used-by-tests"})
public abstract class DatabaseTest {

    @Autowired
    protected JdbcTemplate jdbc;

    protected long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
