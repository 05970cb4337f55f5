package org.wikimedia.phlogiston.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.wikimedia.phlogiston.publish.ReportPublisher;

class RollbackCommandTest {

    /** The database of the command-line tests: rollback needs none, but the application starts one. */
    private static final String DATA_DIR = "target/test-data-cli";

    @TempDir
    Path output;

    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void rollsBackToThePreviousVersionAndFailsWhenThereIsNone() throws IOException {
        ReportPublisher publisher = new ReportPublisher(output, 3, Clock.systemUTC());
        String first = publish(publisher);
        String second = publish(publisher);

        assertThat(run("rollback", "--scope", "alp", "--output-dir", output.toString(), "--data-dir", DATA_DIR))
                .as(cli.err()).isZero();
        assertThat(cli.out()).contains("alp: now showing the version of " + first + " (was " + second + ")");
        assertThat(publisher.current("alp")).contains(first);

        assertThat(run("rollback", "--scope", "alp", "--output-dir", output.toString(), "--data-dir", DATA_DIR)).isEqualTo(1);
        assertThat(cli.err()).contains("phlogiston rollback: scope alp has no earlier version to go back to");
        assertThat(publisher.current("alp")).contains(first);
    }

    @Test
    void refusesAWrongScopeNameBeforeStarting() {
        assertThat(run("rollback", "--scope", "../etc", "--output-dir", output.toString())).isEqualTo(64);
        assertThat(cli.err()).contains("'../etc' is not a scope name");
    }

    private static String publish(ReportPublisher publisher) throws IOException {
        try (ReportPublisher.Draft draft = publisher.start("alp")) {
            Files.writeString(draft.dir().resolve("index.html"), draft.version());
            draft.publish();
            return draft.version();
        }
    }
}
