package org.wikimedia.phlogiston.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;

/**
 * The SQL of the program lives in .sql files under {@code sql/} (on the class path), not in Java strings, and every
 * statement is found by its name, never by its place in a file. A file of one statement is named by its path
 * ({@link #read}); a file of several names each with a line {@code -- name: <name>} that starts its block, which runs
 * up to the next such line ({@link #statement}, or {@link #script} for a file run whole). Lines before the first
 * name line are the file's comment.
 */
public final class SqlFiles {

    private static final Pattern NAME_LINE = Pattern.compile("(?m)^--\\s*name:\\s*(\\S*)\\s*$");

    /** A semicolon that ends a line before the block's end: a second statement in one block. */
    private static final Pattern INNER_END = Pattern.compile(";[ \\t]*\\r?\\n(?=[\\s\\S]*\\S)");

    /*
     * Each file read, and its named statements checked, once: the files are part of the program, and statements are
     * asked for on every use (some once per scope or per step).
     */
    private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, String>> NAMED = new ConcurrentHashMap<>();

    private SqlFiles() {
    }

    /**
     * The whole file, e.g. {@code read("sql/load/defects.sql")}: a file that holds one statement (or a script run
     * whole by PostgreSQL); a file of named statements is refused, as it would run them all as one.
     */
    public static String read(String path) {
        String text = text(path);
        if (NAME_LINE.matcher(text).find()) {
            throw new IllegalStateException("The SQL file " + path + " holds named statements: ask for one by its name");
        }
        return text;
    }

    private static String text(String path) {
        return TEXTS.computeIfAbsent(path, SqlFiles::load);
    }

    private static String load(String path) {
        try {
            return new String(new ClassPathResource(path).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The SQL file " + path + " is missing from the program", e);
        }
    }

    /**
     * The statement named {@code name} in the file, e.g. {@code statement("sql/report/recategorize.sql",
     * "insert_intervals")}, without its final semicolon; fails naming the file when no block or two blocks have the name.
     */
    public static String statement(String path, String name) {
        Map<String, String> statements = named(path);
        String statement = statements.get(name);
        if (statement == null) {
            throw new IllegalStateException("The SQL file " + path + " has no statement named '" + name
                    + "' (a line '-- name: " + name + "' before it); its statements are " + statements.keySet());
        }
        return statement;
    }

    /** Every named statement of a file that is run whole, in the file's order (which is the order they run in). */
    public static List<String> script(String path) {
        return List.copyOf(named(path).values());
    }

    private static Map<String, String> named(String path) {
        return NAMED.computeIfAbsent(path, SqlFiles::parse);
    }

    private static Map<String, String> parse(String path) {
        String text = text(path);
        Matcher names = NAME_LINE.matcher(text);
        if (!names.find()) {
            throw new IllegalStateException("The SQL file " + path + " names no statement: each of its statements "
                    + "needs a line '-- name: <name>' before it");
        }
        if (!isComment(text.substring(0, names.start()))) {
            throw new IllegalStateException("The SQL file " + path + " has a statement before its first '-- name:' line");
        }
        Map<String, String> statements = new LinkedHashMap<>();
        boolean more = true;
        while (more) {
            String name = names.group(1);
            int line = lineOf(text, names.start());
            int start = names.end();
            more = names.find();
            String block = text.substring(start, more ? names.start() : text.length()).strip();
            if (name.isEmpty() || !name.matches("\\w+")) {
                throw new IllegalStateException("The SQL file " + path + " line " + line + ": '" + name
                        + "' is not a statement name (letters, digits and _)");
            }
            if (isComment(block)) {
                throw new IllegalStateException("The SQL file " + path + " line " + line + ": the block named '" + name
                        + "' holds no statement");
            }
            String statement = block.endsWith(";") ? block.substring(0, block.length() - 1).strip() : block;
            if (INNER_END.matcher(statement).find()) {
                throw new IllegalStateException("The SQL file " + path + " line " + line + ": the block named '" + name
                        + "' holds more than one statement; give each its own '-- name:' line");
            }
            if (statements.putIfAbsent(name, statement) != null) {
                throw new IllegalStateException("The SQL file " + path + " line " + line + " names a second statement '"
                        + name + "'; each name must be used once in a file");
            }
        }
        return Collections.unmodifiableMap(statements);
    }

    private static boolean isComment(String text) {
        return text.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("--"));
    }

    private static int lineOf(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}
