package org.wikimedia.phlogiston.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.springframework.core.io.ClassPathResource;

/** The SQL of the program lives in .sql files under {@code sql/} (on the class path), not in Java strings. */
public final class SqlFiles {

    private SqlFiles() {
    }

    /** The whole file, e.g. {@code read("sql/load/defects.sql")}. */
    public static String read(String path) {
        try {
            return new String(new ClassPathResource(path).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The SQL file " + path + " is missing from the program", e);
        }
    }

    /** The statements of a file, split at semicolons that end a line. */
    public static List<String> statements(String path) {
        return Arrays.stream(read(path).split(";\\s*\\n"))
                .map(String::strip)
                .filter(statement -> !statement.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("--")))
                .toList();
    }
}
