package org.wikimedia.phlogiston.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Statements are found by name: the lookup, its clear refusals, and a scan of the program's sources and sql/ that
 * every file they name exists and every statement they ask for by name is in its file (or its file is run whole).
 */
class SqlFilesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path SQL = Path.of("sql");

    private static final Pattern SQL_PATH = Pattern.compile("\"(sql/[\\w/]+\\.sql)\"");
    private static final Pattern PATH_CONSTANT = Pattern.compile("(\\w+)\\s*=\\s*\"(sql/[\\w/]+\\.sql)\"");
    private static final Pattern STATEMENT_CALL =
            Pattern.compile("SqlFiles\\.statement\\(\\s*(\"sql/[\\w/]+\\.sql\"|(?:\\w+\\.)?\\w+)\\s*,\\s*\"(\\w+)\"\\s*\\)");
    private static final Pattern SCRIPT_CALL = Pattern.compile("SqlFiles\\.script\\(\"(sql/[\\w/]+\\.sql)\"\\)");

    @Test
    void aStatementIsFoundByItsNameWithoutItsSemicolonAndWithItsComment() {
        assertThat(SqlFiles.statement("sqlfiles/named.sql", "first"))
                .isEqualTo("-- The first statement's comment stays with it.\nSELECT 1");
        assertThat(SqlFiles.statement("sqlfiles/named.sql", "second")).isEqualTo("SELECT 2\n  FROM generate_series(1, 3)");
        assertThat(SqlFiles.script("sqlfiles/named.sql")).containsExactly(
                "-- The first statement's comment stays with it.\nSELECT 1", "SELECT 2\n  FROM generate_series(1, 3)");
    }

    @Test
    void aMissingNameIsRefusedNamingTheFileAndTheNamesThereAre() {
        assertThatThrownBy(() -> SqlFiles.statement("sqlfiles/named.sql", "third")).isInstanceOf(IllegalStateException.class)
                .hasMessage("The SQL file sqlfiles/named.sql has no statement named 'third' (a line '-- name: third' "
                        + "before it); its statements are [first, second]");
    }

    @Test
    void aNameUsedTwiceIsRefusedWithItsLine() {
        assertThatThrownBy(() -> SqlFiles.statement("sqlfiles/doubled.sql", "twice")).isInstanceOf(IllegalStateException.class)
                .hasMessage("The SQL file sqlfiles/doubled.sql line 4 names a second statement 'twice'; "
                        + "each name must be used once in a file");
    }

    @Test
    void aMissingFileIsRefusedNamingIt() {
        assertThatThrownBy(() -> SqlFiles.statement("sqlfiles/absent.sql", "first")).isInstanceOf(UncheckedIOException.class)
                .hasMessage("The SQL file sqlfiles/absent.sql is missing from the program");
        assertThatThrownBy(() -> SqlFiles.read("sqlfiles/absent.sql")).isInstanceOf(UncheckedIOException.class)
                .hasMessage("The SQL file sqlfiles/absent.sql is missing from the program");
    }

    @Test
    void aFileThatBreaksTheNamingIsRefusedSayingHow() {
        assertThatThrownBy(() -> SqlFiles.statement("sqlfiles/unnamed.sql", "first")).hasMessage("The SQL file "
                + "sqlfiles/unnamed.sql names no statement: each of its statements needs a line '-- name: <name>' before it");
        assertThatThrownBy(() -> SqlFiles.statement("sqlfiles/before_first_name.sql", "first"))
                .hasMessage("The SQL file sqlfiles/before_first_name.sql has a statement before its first '-- name:' line");
        assertThatThrownBy(() -> SqlFiles.statement("sqlfiles/two_in_one_block.sql", "first"))
                .hasMessage("The SQL file sqlfiles/two_in_one_block.sql line 1: the block named 'first' holds more than "
                        + "one statement; give each its own '-- name:' line");
        assertThatThrownBy(() -> SqlFiles.script("sqlfiles/empty_block.sql"))
                .hasMessage("The SQL file sqlfiles/empty_block.sql line 1: the block named 'first' holds no statement");
    }

    @Test
    void aFileOfNamedStatementsIsNotReadWhole() {
        assertThatThrownBy(() -> SqlFiles.read("sqlfiles/named.sql"))
                .hasMessage("The SQL file sqlfiles/named.sql holds named statements: ask for one by its name");
    }

    @Test
    void everySqlFileTheProgramNamesIsThere() throws IOException {
        Set<String> named = firstGroups(SQL_PATH, sources().values());
        assertThat(named).as("the sql/ files named in %s", SOURCES).hasSizeGreaterThan(30)
                .allSatisfy(path -> assertThat(Path.of(path)).as(path).isRegularFile());
    }

    /**
     * Every statement asked for by name is in its file, and every named statement of sql/ is asked for: a name
     * changed on one side only fails here, not in the night's run.
     */
    @Test
    void everyNamedStatementIsInItsFileAndAskedFor() throws IOException {
        Map<Path, String> sources = sources();
        Map<String, String> constants = new HashMap<>();
        sources.forEach((file, source) -> {
            Matcher constant = PATH_CONSTANT.matcher(source);
            while (constant.find()) {
                String className = file.getFileName().toString().replace(".java", "");
                constants.put(className + "." + constant.group(1), constant.group(2));
            }
        });
        Set<String> asked = new LinkedHashSet<>();
        List<String> unresolved = new ArrayList<>();
        sources.forEach((file, source) -> {
            String className = file.getFileName().toString().replace(".java", "");
            assertThat(count(source, "SqlFiles.statement(")).as("calls of SqlFiles.statement in %s the scan reads", file)
                    .isEqualTo(STATEMENT_CALL.matcher(source).results().count());
            Matcher call = STATEMENT_CALL.matcher(source);
            while (call.find()) {
                String argument = call.group(1);
                String path = argument.startsWith("\"") ? argument.substring(1, argument.length() - 1)
                        : constants.get(argument.contains(".") ? argument : className + "." + argument);
                if (path == null) {
                    unresolved.add(file + ": " + argument);
                    continue;
                }
                SqlFiles.statement(path, call.group(2));
                asked.add(path + " " + call.group(2));
            }
        });
        assertThat(unresolved).as("statement() calls whose file the scan cannot tell").isEmpty();

        Set<String> declared = new LinkedHashSet<>();
        for (Path file : namedFiles()) {
            String path = file.toString();
            Matcher name = Pattern.compile("(?m)^--\\s*name:\\s*(\\w+)").matcher(Files.readString(file));
            assertThat(SqlFiles.script(path)).isNotEmpty();
            while (name.find()) {
                declared.add(path + " " + name.group(1));
            }
        }
        Set<String> runWhole = firstGroups(SCRIPT_CALL, sources.values());
        declared.removeIf(statement -> runWhole.contains(statement.substring(0, statement.indexOf(' '))));
        assertThat(declared).hasSizeGreaterThan(30).containsExactlyInAnyOrderElementsOf(asked);
    }

    private static Map<Path, String> sources() throws IOException {
        Map<Path, String> sources = new HashMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(file, Files.readString(file));
            }
        }
        return sources;
    }

    private static List<Path> namedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SQL)) {
            List<Path> named = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                if (Pattern.compile("(?m)^--\\s*name:").matcher(Files.readString(file)).find()) {
                    named.add(file);
                }
            }
            return named;
        }
    }

    private static long count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /** What the first group of {@code pattern} matches anywhere in {@code texts}, in order. */
    private static Set<String> firstGroups(Pattern pattern, Collection<String> texts) {
        return texts.stream().flatMap(text -> pattern.matcher(text).results()).map(match -> match.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
