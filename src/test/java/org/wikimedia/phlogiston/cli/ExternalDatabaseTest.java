package org.wikimedia.phlogiston.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.database.EmbeddedPostgresServer;

/** {@code --db-url} points Phlogiston at an existing server (here: the test run's embedded one, by its port). */
class ExternalDatabaseTest extends DatabaseTest {

    @Autowired
    EmbeddedPostgresServer testServer;

    @TempDir
    Path dataDir;

    @Test
    void anExistingServerIsUsedInsteadOfStartingOne() {
        jdbc.update("INSERT INTO dump_load (source, started_at, outcome, message) VALUES ('marker', now(), 'failed', 'seen through --db-url')");
        StringWriter out = new StringWriter();
        CommandLine cli = PhlogistonCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));

        int exit = cli.execute("status", "--data-dir", dataDir.toString(), "--db-url", testServer.jdbcUrl(database()),
                "--db-password", testServer.password());

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("seen through --db-url");
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }
}
