package org.wikimedia.phlogiston.scope;

import java.nio.file.Path;

/**
 * Something wrong in a scope's files: where ({@code file} relative to the scopes folder, e.g.
 * {@code gam/recategorization.csv}; {@code line} 1-based, 0 when the whole file is concerned) and a message
 * that says what is wrong and what to do about it.
 */
public record ScopeProblem(Path file, int line, String message) {

    /** {@code file:line: message}, the form editors and terminals turn into links. */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
