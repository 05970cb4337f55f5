package org.wikimedia.phlogiston.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import org.wikimedia.phlogiston.database.EmbeddedPostgresServer;

/**
 * {@code stop-database} stops a lingering embedded server at once, leaves alone one that another user still holds,
 * and says so; with {@code --db-url} there is nothing of Phlogiston's to stop.
 */
class StopDatabaseCommandTest {

    private static final Path DATA_DIR = Path.of("target/test-data-stop-database").toAbsolutePath();
    private static final Path SERVER = DATA_DIR.resolve("postgres");

    @BeforeAll
    static void startFromNothing() throws IOException {
        FileSystemUtils.deleteRecursively(DATA_DIR);
    }

    @Test
    void stopsALingeringServerButNotOneStillInUse() {
        try (EmbeddedPostgresServer ignored = EmbeddedPostgresServer.startOrAttach(SERVER, Duration.ofHours(1))) {
            // used, then left: the server lingers for an hour
        }
        assertThat(EmbeddedPostgresServer.isRunning(SERVER)).as("lingering").isTrue();

        CliRun stop = new CliRun();
        assertThat(stop.run("stop-database", "--data-dir", DATA_DIR.toString())).as(stop.err()).isZero();
        assertThat(stop.out()).isEqualTo("The embedded database in " + SERVER + " is stopped.\n");
        assertThat(EmbeddedPostgresServer.isRunning(SERVER)).isFalse();

        try (EmbeddedPostgresServer inUse = EmbeddedPostgresServer.startOrAttach(SERVER, Duration.ZERO)) {
            CliRun refused = new CliRun();
            assertThat(refused.run("stop-database", "--data-dir", DATA_DIR.toString())).as(refused.err()).isEqualTo(1);
            assertThat(refused.out()).startsWith("The embedded database in " + SERVER + " stays up: another Phlogiston process is using it.");
            assertThat(EmbeddedPostgresServer.isRunning(SERVER)).as("still in use").isTrue();

            CliRun external = new CliRun();
            assertThat(external.run("stop-database", "--data-dir", DATA_DIR.resolve("elsewhere").toString(),
                    "--db-url", inUse.jdbcUrl("postgres"), "--db-password", inUse.password())).as(external.err()).isZero();
            assertThat(external.out()).isEqualTo("Phlogiston uses the database at " + inUse.jdbcUrl("postgres")
                    + "; there is no embedded database to stop.\n");
            assertThat(EmbeddedPostgresServer.isRunning(SERVER)).isTrue();
        }
        assertThat(EmbeddedPostgresServer.isRunning(SERVER)).as("its last user left with no linger time").isFalse();
    }
}
