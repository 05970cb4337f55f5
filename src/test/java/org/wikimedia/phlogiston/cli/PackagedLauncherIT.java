package org.wikimedia.phlogiston.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.database.EmbeddedPostgresServer;
import org.wikimedia.phlogiston.history.HandBuiltHistory;

/**
 * The packaged jar run by {@code bin/phlogiston}, as a user runs it: with the bean definitions Spring AOT generated at
 * build time ({@code spring.aot.enabled}), which the other tests, run before the jar is made, never use. A failsafe
 * test: {@code mvn verify} runs it after {@code package}. Each command is a process of its own on this class's
 * database, through {@code --db-url} or through the test server's data directory; the class archive is left out, as
 * it is not what is tested here.
 */
class PackagedLauncherIT extends DatabaseTest {

    private static final Path LAUNCHER = Path.of("bin", "phlogiston").toAbsolutePath();
    private static final String SCOPE = "aot";
    /** How long a command may take before the test gives up, however busy the machine. */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);
    private static final String COMPLETED_RUNS = "SELECT count(*) FROM batch_job_execution e JOIN batch_job_instance i "
            + "USING (job_instance_id) WHERE i.job_name = 'run' AND e.status = 'COMPLETED'";
    private static final String WITH_AOT = "Initializing ApplicationContext with AOT";

    @Autowired
    EmbeddedPostgresServer testServer;

    @TempDir
    Path dir;

    @Test
    void everyKindOfCommandWorksWithTheBeansGeneratedAtBuildTimeAndServeStillSchedules() throws Exception {
        assertThat(Path.of("target", "phlogiston.jar")).as("the packaged jar: run `mvn verify`").exists();
        // The database for the commands run on the test server's data directory, and the line that says the beans
        // generated at build time are used.
        Files.writeString(settings(), "phlogiston.db.embedded-database: " + database() + "\n"
                + "logging.level.org.springframework.context.aot: DEBUG\n");
        Path dump = HandBuiltHistory.dump().writeTo(dir.resolve("history.dump"));
        Path scope = Files.createDirectories(dir.resolve("scopes").resolve(SCOPE));
        for (String file : List.of("scope.ini", "recategorization.csv")) {
            Files.copy(Path.of("src/test/resources/history-scopes/recat").resolve(file), scope.resolve(file));
        }

        assertThat(phlogiston(external("load", "--dump", dump.toString(), "--force"))).as(this::output).isZero();
        assertThat(phlogiston(external("run", "--mode", "rerecon", "--load", "false", "--scope", SCOPE))).as(this::output).isZero();
        assertThat(dir.resolve("reports").resolve(SCOPE).resolve("index.html")).exists();

        assertThat(phlogiston(external("status"))).as(this::output).isZero();
        assertThat(output()).contains(WITH_AOT, "history.dump");
        assertThat(dir.resolve("data").resolve("postgres")).as("no embedded server with --db-url").doesNotExist();

        assertThat(phlogiston(List.of("status", "--data-dir", Path.of(DATA_DIR).toAbsolutePath().toString(),
                "--config", settings().toString(), "--as-of", "2019-03-15"))).as(this::output).isZero();
        assertThat(output()).contains(WITH_AOT, "history.dump");

        long completedBefore = jdbc.queryForObject(COMPLETED_RUNS, Long.class);
        Process serve = start(external("serve", "--cron", "*/2 * * * * ?", "--mode", "rerecon", "--scope", SCOPE));
        try {
            await("a scheduled run that completes").atMost(GIVE_UP_AFTER)
                    .failFast(() -> assertThat(serve.isAlive()).as(this::output).isTrue())
                    .until(() -> jdbc.queryForObject(COMPLETED_RUNS, Long.class) > completedBefore);
            assertThat(output()).contains("Serving: `phlogiston run --mode rerecon --load false --scope " + SCOPE + "` at '*/2 * * * * ?'");
        } finally {
            serve.destroy();
        }
        assertThat(serve.waitFor(GIVE_UP_AFTER.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(serve.exitValue()).as(this::output).isEqualTo(143);
    }

    /** The arguments, then those that point the command at this class's database on the test server. */
    private List<String> external(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(List.of("--db-url", testServer.jdbcUrl(database()), "--db-password", testServer.password(),
                "--data-dir", dir.resolve("data").toString(), "--scopes-dir", dir.resolve("scopes").toString(),
                "--output-dir", dir.resolve("reports").toString(), "--as-of", "2019-03-15", "--config", settings().toString()));
        return all;
    }

    /** Runs the launcher to its end and gives its exit code; {@link #output} is what it printed. */
    private int phlogiston(List<String> arguments) throws IOException, InterruptedException {
        Process process = start(arguments);
        assertThat(process.waitFor(GIVE_UP_AFTER.toSeconds(), TimeUnit.SECONDS)).as(String.join(" ", arguments)).isTrue();
        return process.exitValue();
    }

    private Process start(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log().toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PHLOGISTON_"));
        builder.environment().put("PHLOGISTON_CDS", "off");
        return builder.start();
    }

    private Path settings() {
        return dir.resolve("settings.yml");
    }

    private Path log() {
        return dir.resolve("launcher.log");
    }

    private String output() {
        try {
            return Files.readString(log());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
