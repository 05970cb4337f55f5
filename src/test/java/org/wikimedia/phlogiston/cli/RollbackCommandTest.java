package org.wikimedia.phlogiston.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import org.wikimedia.phlogiston.publish.ReportPublisher;

class RollbackCommandTest {

    /** The database of the command-line tests: rollback needs none, but the application starts one. */
    private static final String DATA_DIR = "target/test-data-cli";

    @TempDir
    Path output;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = PhlogistonCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void rollsBackToThePreviousVersionAndFailsWhenThereIsNone() throws IOException {
        ReportPublisher publisher = new ReportPublisher(output, 3, Clock.systemUTC());
        String first = publish(publisher);
        String second = publish(publisher);

        assertThat(run("rollback", "--scope", "alp", "--output-dir", output.toString(), "--data-dir", DATA_DIR))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("alp: now showing the version of " + first + " (was " + second + ")");
        assertThat(publisher.current("alp")).contains(first);

        assertThat(run("rollback", "--scope", "alp", "--output-dir", output.toString(), "--data-dir", DATA_DIR)).isEqualTo(1);
        assertThat(err.toString()).contains("phlogiston rollback: scope alp has no earlier version to go back to");
        assertThat(publisher.current("alp")).contains(first);
    }

    @Test
    void refusesAWrongScopeNameBeforeStarting() {
        assertThat(run("rollback", "--scope", "../etc", "--output-dir", output.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("'../etc' is not a scope name");
    }

    private static String publish(ReportPublisher publisher) throws IOException {
        try (ReportPublisher.Draft draft = publisher.start("alp")) {
            Files.writeString(draft.dir().resolve("index.html"), draft.version());
            draft.publish();
            return draft.version();
        }
    }
}
