package org.wikimedia.phlogiston.scope;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The problems found in one of a scope's files. */
final class FileProblems {

    private final Path file;
    private final List<ScopeProblem> found = new ArrayList<>();

    /** {@code file}: as shown in messages, relative to the scopes folder. */
    FileProblems(Path file) {
        this.file = file;
    }

    void add(int line, String message) {
        found.add(new ScopeProblem(file, line, message));
    }

    int count() {
        return found.size();
    }

    /** In line order. */
    List<ScopeProblem> list() {
        return found.stream().sorted(Comparator.comparingInt(ScopeProblem::line)).toList();
    }
}
