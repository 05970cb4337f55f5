package org.wikimedia.phlogiston.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.database.EmbeddedPostgresServer;
import org.wikimedia.phlogiston.dump.DumpLoader;

/** {@code phlogiston check} on the reference scopes, against the reference dump loaded in the test server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckCommandTest extends DatabaseTest {

    private static final String REFERENCE = "src/test/resources/reference";
    /** A database of the test server where no dump was ever loaded. */
    private static final String EMPTY_DATABASE = "check_no_dump";

    @Autowired
    EmbeddedPostgresServer testServer;

    @Autowired
    DumpLoader loader;

    @TempDir
    Path dataDir;

    private record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    void loadTheReferenceDump() {
        jdbc.execute("TRUNCATE dump_load");
        assertThat(loader.load(REFERENCE + "/phabricator_public.dump", true).succeeded()).isTrue();
    }

    @Test
    void aCleanScopeExitsWithZero() {
        Run run = check(database(), "--scope", "alp");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Checking against the 21 projects of the loaded dump")
                .endsWith("alp: OK, 11 rules, 5 projects\n");
    }

    @Test
    void problemsArePrintedAsFileAndLineAndExitWithOne() {
        Run run = check(database(), "--scope", "gam");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(
                "gam/recategorization.csv:6: the category 'Gamma ops and debt' is also on line 5 with display hide, here show",
                "gam/recategorization.csv:8: no loaded project name contains 'Nonexistent-'",
                "gam/recategorization.csv:9: ProjectByID needs one project id in the id column; it has none",
                "gam: 3 errors");
    }

    @Test
    void allChecksEveryScopeAndChangesNothing() {
        long loads = count("dump_load");
        long projects = count("phabricator_project");

        Run run = check(database(), "--all");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("alp: OK, 11 rules, 5 projects", "bet: OK, 9 rules, 5 projects", "gam: 3 errors");
        assertThat(count("dump_load")).isEqualTo(loads);
        assertThat(count("phabricator_project")).isEqualTo(projects);
    }

    @Test
    void withoutALoadedDumpOnlyTheFilesAreChecked() {
        if (jdbc.queryForObject("SELECT count(*) FROM pg_database WHERE datname = ?", Integer.class, EMPTY_DATABASE) == 0) {
            jdbc.execute("CREATE DATABASE " + EMPTY_DATABASE);
        }
        Run run = check(EMPTY_DATABASE, "--scope", "alp");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("No dump is loaded, so only the files are checked")
                .endsWith("alp: OK, 9 rules (not checked against projects)\n");
    }

    @Test
    void aNameThatIsNotAScopeNameIsRefused() {
        Run run = check(database(), "--scope", "../etc");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--scope", "'../etc' is not a scope name: 1–6 lowercase letters or digits");
    }

    @Test
    void exactlyOneOfScopeAndAllIsRequired() {
        assertThat(check(database()).exitCode()).isEqualTo(64);
        Run both = check(database(), "--scope", "alp", "--all");
        assertThat(both.exitCode()).isEqualTo(64);
        assertThat(both.err()).contains("mutually exclusive");
    }

    private Run check(String database, String... options) {
        List<String> args = new ArrayList<>(List.of("check", "--data-dir", dataDir.toString(),
                "--db-url", testServer.jdbcUrl(database), "--db-password", testServer.password(), "--scopes-dir", REFERENCE + "/scopes"));
        args.addAll(List.of(options));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = PhlogistonCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }
}
