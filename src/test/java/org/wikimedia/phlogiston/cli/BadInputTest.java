package org.wikimedia.phlogiston.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.FileSystemUtils;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.ReferenceRun;
import org.wikimedia.phlogiston.StoredChecksums;
import org.wikimedia.phlogiston.dump.TestDump;

/**
 * A catalogue of bad input, each case run through the real command line against a database holding a loaded dump,
 * a reconstructed scope and its published report: the exit code, a message that names the file, line, task or option
 * concerned, and nothing stored changed. The "Bad input" table of docs/testing.md lists the same cases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest extends DatabaseTest {

    private static final String AS_OF = "2019-03-15";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = "recategorization.csv";
    /** Tables that record each attempt, a refused one too (the run history); every other table must stay as it was. */
    private static final Set<String> ATTEMPT_RECORDS = Set.of("dump_load", "run_registry", "batch_job_instance",
            "batch_job_execution", "batch_job_execution_params", "batch_job_execution_context", "batch_step_execution",
            "batch_step_execution_context");

    private Path dir;
    private Path scopes;
    private Path output;
    private Map<String, String> storedBefore;
    private Map<String, String> publishedBefore;

    /** One case: what is given, and what must come of it. */
    record Case(String input, int exitCode, Function<BadInputTest, Invocation> invocation) {
        @Override
        public String toString() {
            return input;
        }
    }

    /** The command line of a case and the texts its message must contain. */
    record Invocation(List<String> args, List<String> messageNames) {
    }

    @BeforeAll
    void loadReconstructAndPublish() throws IOException {
        dir = Files.createTempDirectory("phlogiston-bad-input");
        scopes = dir.resolve("scopes");
        output = dir.resolve("output");
        FileSystemUtils.copyRecursively(ReferenceRun.DIR.resolve("scopes"), scopes);
        jdbc.execute("TRUNCATE dump_load");
        CliRun cli = new CliRun();
        assertThat(cli.run(withGlobalOptions(scopes, "run", "--mode", "reconstruct", "--dump", ReferenceRun.DUMP.toString(),
                "--scope", "alp").toArray(String[]::new))).as(cli.out() + cli.err()).isZero();
        assertThat(output.resolve("alp/index.html")).exists();
        storedBefore = storedData();
        publishedBefore = StoredChecksums.ofFolder(output);
    }

    @AfterAll
    void removeTheFiles() throws IOException {
        FileSystemUtils.deleteRecursively(dir);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithAMessageNamingWhereAndChangesNothing(Case badInput) {
        Invocation invocation = badInput.invocation().apply(this);
        CliRun cli = new CliRun();
        int exitCode = cli.run(invocation.args().toArray(String[]::new));
        String said = cli.out() + cli.err();
        assertThat(exitCode).as(said).isEqualTo(badInput.exitCode());
        assertThat(said).contains(invocation.messageNames());
        assertThat(storedData()).isEqualTo(storedBefore);
        assertThat(StoredChecksums.ofFolder(output)).isEqualTo(publishedBefore);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // dumps
                loadOf("a dump cut off in the middle", t -> t.dump("cut.dump", half(t.validDump())),
                        "cut.dump", "cut off", "at byte", "(in task 8)"),
                loadOf("a dump that is not JSON", t -> t.dump("text.dump", "Phabricator dump, version 2\n"),
                        "text.dump", "not valid JSON at byte"),
                loadOf("an empty dump file", t -> t.dump("empty.dump", ""),
                        "empty.dump", "not a JSON object"),
                loadOf("a dump that is a JSON list", t -> t.dump("list.dump", "[{\"task\": {}}]"),
                        "list.dump", "not a JSON object"),
                loadOf("a dump without its task section", t -> t.corrupt("notasks.dump", root -> root.remove("task")),
                        "notasks.dump", "no \"task\" section"),
                loadOf("task is a string, not an object", t -> t.corrupt("taskstring.dump", root -> root.put("task", "none")),
                        "taskstring.dump", "\"task\" is a string"),
                loadOf("project is a list, not an object", t -> t.corrupt("projectlist.dump", root -> root.putArray("project")),
                        "projectlist.dump", "\"project\" is a list"),
                loadOf("project.projects is a string", t -> t.corrupt("projectsstring.dump",
                                root -> ((ObjectNode) root.get("project")).put("projects", "Alpha")),
                        "projectsstring.dump", "\"projects\" is a string"),
                loadOf("project.columns is a number", t -> t.corrupt("columnsnumber.dump",
                                root -> ((ObjectNode) root.get("project")).put("columns", 3)),
                        "columnsnumber.dump", "\"columns\" is a number"),
                loadOf("an empty task list", t -> t.corrupt("emptytasks.dump", root -> root.putObject("task")),
                        "emptytasks.dump", "the dump has no tasks"),
                loadOf("every task entry a string", t -> t.corrupt("taskentry.dump", root -> root.putObject("task").put("7", "T7")),
                        "taskentry.dump", "the dump has no tasks", "task entries that are not tasks", "e.g. task [7]"),
                loadOf("a task's info a string, not a list", t -> t.corrupt("info.dump", root -> task7(root).put("info", "T7")),
                        "info.dump", "tasks without info", "e.g. task [7]"),
                loadOf("a task's points an object", t -> t.corrupt("points.dump",
                                root -> ((ArrayNode) task7(root).get("info")).set(10, JSON.createObjectNode().put("points", 3))),
                        "points.dump", "story points that are not a number", "e.g. task [7]"),
                loadOf("a transaction a string, not a list", t -> t.corrupt("xactstring.dump",
                                root -> ((ArrayNode) task7(root).get("transactions").get("status")).set(0, JSON.getNodeFactory().textNode("x"))),
                        "xactstring.dump", "transaction rows too short or without a date", "e.g. task [7]"),
                loadOf("a transaction id a word", t -> t.corrupt("xactid.dump",
                                root -> ((ArrayNode) task7(root).get("transactions").get("status").get(0))
                                        .set(0, JSON.getNodeFactory().textNode("first"))),
                        "xactid.dump", "transactions without a numeric id", "e.g. task [7]"),
                loadOf("a transaction date a word", t -> t.corrupt("xactdate.dump",
                                root -> ((ArrayNode) task7(root).get("transactions").get("status").get(0))
                                        .set(11, JSON.getNodeFactory().textNode("today"))),
                        "xactdate.dump", "transaction rows too short or without a date", "e.g. task [7]"),
                loadOf("two tasks with the same id", t -> t.dump("duptask.dump",
                                t.validDump().replaceFirst("\"task\":\\{", "\"task\":{\"7\":{\"info\":[7]},")),
                        "duptask.dump", "task entries whose id was seen before", "e.g. task [7]"),
                loadOf("two transactions with the same id", t -> t.corrupt("dupxact.dump",
                                root -> {
                                    ArrayNode status = (ArrayNode) task7(root).get("transactions").get("status");
                                    status.add(status.get(0).deepCopy());
                                }),
                        "dupxact.dump", "transactions whose id was seen before", "e.g. task [7]"),
                loadOf("a project row a string", t -> t.corrupt("projectrow.dump",
                                root -> ((ArrayNode) root.get("project").get("projects")).set(0, JSON.getNodeFactory().textNode("Alpha"))),
                        "projectrow.dump", "the dump has no projects", "project or column rows without a numeric id"),
                loadOf("a column of a project not in the dump", t -> t.corrupt("orphan.dump",
                                root -> ((ArrayNode) root.get("project").get("columns").get(0))
                                        .set(5, JSON.getNodeFactory().textNode("PHID-PROJ-gone"))),
                        "orphan.dump", "columns whose project is not in the dump", "e.g. column [11]"),
                loadOf("a number of 5,000 digits", t -> t.corrupt("longnumber.dump",
                                root -> ((ArrayNode) task7(root).get("info"))
                                        .set(5, JSON.getNodeFactory().numberNode(new java.math.BigInteger("9".repeat(5000))))),
                        "longnumber.dump", "a value too long to read at byte", "(in task 7)"),
                loadOf("a title of 30 million characters", t -> t.corrupt("longtitle.dump",
                                root -> ((ArrayNode) task7(root).get("info")).set(6, JSON.getNodeFactory().textNode("T".repeat(30_000_000)))),
                        "longtitle.dump", "a value too long to read at byte", "(in task 7)"),
                // scope files
                scopeFile("an unknown setting", "scope.ini", "colour = red", ScopeEdit.APPEND,
                        "alp/scope.ini:11", "unknown setting 'colour'"),
                scopeFile("a start_date that is no date", "scope.ini", "start_date = 2018-04-31", ScopeEdit.SETTING,
                        "alp/scope.ini:4", "start_date = 2018-04-31 is not"),
                scopeFile("a boolean that is neither true nor false", "scope.ini", "show_points = perhaps", ScopeEdit.SETTING,
                        "alp/scope.ini:10", "show_points = perhaps is not"),
                scopeFile("default_points that is no number", "scope.ini", "default_points = one", ScopeEdit.SETTING,
                        "alp/scope.ini:3", "default_points = one is not"),
                scopeFile("no scope_title", "scope.ini", "scope_title", ScopeEdit.REMOVE,
                        "alp/scope.ini:1", "scope_title is missing"),
                scopeFile("a setting set twice", "scope.ini", "show_count = False", ScopeEdit.APPEND,
                        "alp/scope.ini:11", "show_count is set twice (also on line 9)"),
                scopeFile("no [vars] section", "scope.ini", "[vars]", ScopeEdit.REMOVE,
                        "alp/scope.ini:1", "[vars]"),
                scopeFile("a workflow stage member that is no status", "scope.ini",
                        "[workflow]\nstages = Backlog, Done\nstage.Done = status:closed\ncommitment = Backlog\ndone = Done",
                        ScopeEdit.APPEND, "alp/scope.ini:13", "'status:closed' is not a stage member"),
                newRule("an unknown rule", "ProjectByTag,Tagged,show,101,,",
                        "unknown rule 'ProjectByTag'"),
                newRule("an unknown display", "ProjectByID,Shown,visible,101,,",
                        "unknown display 'visible'"),
                newRuleChecked("a rule with the wrong number of ids", "ProjectByID,Two,show,101 105,,",
                        "ProjectByID needs one project id in the id column; it has 2"),
                newRuleChecked("a rule without its matchstring", "ProjectByName,Named,show,,,",
                        "ProjectByName needs a matchstring"),
                newRuleChecked("a rule without a title", "ProjectByID,,show,101,,",
                        "the title is empty"),
                newRuleChecked("a project id not in the dump", "ProjectByID,Gone,show,999999,,",
                        "project 999999 is not among the loaded projects"),
                newRuleChecked("one title with two displays", "ProjectByID,Interrupt,hide,105,,",
                        "the category 'Interrupt' is also on line 2 with display show, here hide"),
                scopeFile("an unknown column in the CSV header", RULES, "rule,title,display,id,matchstring,colour", ScopeEdit.HEADER,
                        "alp/recategorization.csv:1", "unknown column 'colour'"),
                newRule("a quoted value never closed", "ProjectByID,\"Open,show,101,,",
                        "a quoted value is not closed"),
                newRule("a force_status that is not possible", "ProjectByID,Forced,show,101,,done",
                        "force_status 'done' is not possible"),
                newRule("an id that is not a list of ids", "ProjectByID,Worded,show,one,,",
                        "id 'one' is not a list of project ids"),
                scopeFile("a missing recategorization.csv", RULES, "", ScopeEdit.DELETE,
                        "alp/recategorization.csv", "is missing"),
                new Case("check --all of a folder without scopes", 1, t -> t.invocation(
                        t.withGlobalOptions(t.dir.resolve("no-scopes"), "check", "--all"), "There are no scopes in", "no-scopes")),
                new Case("a scope with no folder", 1, t -> t.invocation(t.globalOptions("reconstruct", "--scope", "zzz"),
                        "zzz", "there is no such scope", "the scopes are alp, bet, gam")),
                // command-line arguments
                usage("an unknown option", List.of("load", "--no-such-option"), "Unknown option: '--no-such-option'"),
                usage("an option without its value", List.of("reconstruct", "--scope"), "Missing required parameter for option '--scope'"),
                usage("a --wait that is no duration", List.of("report", "--scope", "alp", "--wait", "soon"),
                        "--wait", "'soon' is not a duration"),
                usage("a --limit that is no number", List.of("history", "--limit", "many"), "--limit", "'many'"),
                usage("a --limit of 0", List.of("history", "--limit", "0"), "--limit must be at least 1"),
                usage("an unknown --mode", List.of("run", "--mode", "sometimes", "--scope", "alp"), "unknown mode sometimes"),
                usage("a scope name that leads outside the folder", List.of("reconstruct", "--scope", "../x"),
                        "--scope", "'../x' is not a scope name"),
                usage("a scope name in capitals", List.of("report", "--scope", "Alp"), "--scope", "'Alp' is not a scope name"),
                usage("a scope name of 7 characters", List.of("run", "--mode", "rerecon", "--scope", "alpha12"),
                        "--scope", "'alpha12' is not a scope name"),
                usage("a bad scope name to check", List.of("check", "--scope", "../etc"), "--scope", "'../etc' is not a scope name"),
                usage("a bad scope name to roll back", List.of("rollback", "--scope", "a/b"), "--scope", "'a/b' is not a scope name"),
                usage("a bad scope name in the history", List.of("history", "--scope", "Alp"), "--scope", "'Alp' is not a scope name"),
                usage("a bad scope name to serve", List.of("serve", "--scope", "../x"), "--scope", "'../x' is not a scope name"),
                usage("a run id that is no number", List.of("restart", "last"),
                        "Invalid value for positional parameter at index 0 (RUN_ID): 'last' is not a long"),
                usage("an unknown command", List.of("frobnicate"), "Unmatched argument", "'frobnicate'"),
                // dates
                new Case("--as-of 2019-02-30", 64, t -> t.invocation(List.of("--data-dir", "target/test-data", "--as-of", "2019-02-30",
                        "status"), "--as-of", "'2019-02-30'")),
                usage("--start-date tomorrow", List.of("reconstruct", "--scope", "alp", "--start-date", "tomorrow"),
                        "--start-date", "'tomorrow'"),
                // URLs
                usage("--dump ftp://x", List.of("load", "--dump", "ftp://x"), "--dump", "ftp://x", "http(s)"),
                usage("--dump http:// without a host", List.of("load", "--dump", "http://"), "--dump", "'http://'"),
                usage("--dump with a malformed URL", List.of("run", "--scope", "alp", "--dump", "https://dumps example org/x"),
                        "--dump", "'https://dumps example org/x'"),
                usage("--db-url that is not a JDBC URL", List.of("--db-url", "postgres://localhost/phlogiston", "status"),
                        "--db-url", "'postgres://localhost/phlogiston'", "jdbc:postgresql:"),
                // settings
                settings("a negative keep-versions", "keep.yml", "phlogiston.publish.keep-versions: -1",
                        "phlogiston.publish.keep-versions must be at least 1", "not -1"),
                settings("an unknown time zone", "zone.yml", "phlogiston.time-zone: Mars/Olympus_Mons",
                        "phlogiston.time-zone = Mars/Olympus_Mons", "zone.yml", "Unknown time-zone ID"),
                settings("a max-size that is no size", "size.yml", "phlogiston.dump.max-size: lots",
                        "phlogiston.dump.max-size = lots", "size.yml", "does not match data size pattern"),
                new Case("a --config file that does not exist", 64, t -> t.invocation(t.globalOptions("--config",
                        t.dir.resolve("nowhere.yml").toString(), "status"), "nowhere.yml", "does not exist")));
    }

    // ---- how the cases are built

    private static Case loadOf(String input, Function<BadInputTest, Path> dump, String... messageNames) {
        return new Case(input, 1, t -> t.invocation(t.globalOptions("load", "--dump", dump.apply(t).toString()), messageNames));
    }

    private static Case usage(String input, List<String> args, String... messageNames) {
        return new Case(input, 64, t -> t.invocation(t.globalOptions(args.toArray(String[]::new)), messageNames));
    }

    /** A --config file {@code file} holding the one line. */
    private static Case settings(String input, String file, String line, String... messageNames) {
        return new Case(input, 64, t -> t.invocation(t.globalOptions("--config", t.write(file, line + "\n").toString(), "status"),
                messageNames));
    }

    private enum ScopeEdit { APPEND, SETTING, REMOVE, HEADER, DELETE }

    /**
     * A copy of the scopes folder whose alp has one edit, reconstructed (or checked, when only the loaded projects tell
     * the problem): alp's stored history and published report are what must stay.
     */
    /** A copy of the scopes folder whose alp has one edit, reconstructed: alp's stored history must stay as it is. */
    private static Case scopeFile(String input, String file, String text, ScopeEdit edit, String... messageNames) {
        return scopeWithEdit("reconstruct", input, file, text, edit, messageNames);
    }

    /** A rule added to alp's recategorization.csv (its line 11), reconstructed. */
    private static Case newRule(String input, String rule, String says) {
        return scopeFile(input, RULES, rule, ScopeEdit.APPEND, "alp/recategorization.csv:11", says);
    }

    /** A rule added to alp's recategorization.csv (its line 11), checked. */
    private static Case newRuleChecked(String input, String rule, String says) {
        return scopeCheck(input, RULES, rule, ScopeEdit.APPEND, "alp/recategorization.csv:11", says);
    }

    /** As {@link #scopeFile}, for problems that only {@code check} finds (a reconstruction makes do with such rules). */
    private static Case scopeCheck(String input, String file, String text, ScopeEdit edit, String... messageNames) {
        return scopeWithEdit("check", input, file, text, edit, messageNames);
    }

    private static Case scopeWithEdit(String command, String input, String file, String text, ScopeEdit edit,
                                      String... messageNames) {
        return new Case(input, 1, t -> {
            Path copy = t.copyOfTheScopes("scopes-" + Math.abs(input.hashCode()));
            Path target = copy.resolve("alp").resolve(file);
            if (edit == ScopeEdit.DELETE) {
                t.delete(target);
            } else {
                List<String> lines = new ArrayList<>(t.read(target));
                switch (edit) {
                    case APPEND -> lines.add(text);
                    case SETTING -> lines.replaceAll(line -> line.startsWith(text.substring(0, text.indexOf(' ') + 1)) ? text : line);
                    case REMOVE -> lines.removeIf(line -> line.startsWith(text));
                    default -> lines.set(0, text);
                }
                t.write(target.toString(), String.join("\n", lines) + "\n");
            }
            return t.invocation(t.withGlobalOptions(copy, command, "--scope", "alp"), messageNames);
        });
    }

    private Invocation invocation(List<String> args, String... messageNames) {
        return new Invocation(args, List.of(messageNames));
    }

    private List<String> globalOptions(String... args) {
        return withGlobalOptions(scopes, args);
    }

    private List<String> withGlobalOptions(Path scopesDir, String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", "target/test-data", "--scopes-dir", scopesDir.toString(),
                "--output-dir", output.toString(), "--as-of", AS_OF));
        all.addAll(List.of(args));
        return all;
    }

    /** Every table but those recording the attempts, by name: row count and digest. */
    private Map<String, String> storedData() {
        Map<String, String> tables = new TreeMap<>(StoredChecksums.ofTables(jdbc));
        tables.keySet().removeAll(ATTEMPT_RECORDS);
        return tables;
    }

    /** A small dump in the real format: one project with a column, task 7 tagged with it, one status change. */
    private String validDump() {
        return new TestDump().project(1, "Alpha").column(11, "Backlog", 1)
                .task(7, "open", 3).tag(1).status(1550000000, "open", "resolved").done()
                .task(8, "open", null).tag(1).done()
                .json();
    }

    private Path dump(String name, String text) {
        return write(name, text);
    }

    private Path corrupt(String name, Consumer<ObjectNode> damage) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(validDump());
            damage.accept(root);
            return write(name, JSON.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode task(ObjectNode root) {
        return (ObjectNode) root.get("task");
    }

    private static ObjectNode task7(ObjectNode root) {
        return (ObjectNode) task(root).get("7");
    }

    private static String half(String text) {
        return text.substring(0, text.length() / 2);
    }

    private Path copyOfTheScopes(String name) {
        Path copy = dir.resolve(name);
        try {
            FileSystemUtils.deleteRecursively(copy);
            FileSystemUtils.copyRecursively(scopes, copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    private void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
