package org.wikimedia.phlogiston.scope;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A scope that cannot be used: a name that is not a scope name, or files with problems (all of them listed). */
public class ScopeException extends RuntimeException {

    private final transient List<ScopeProblem> problems;

    ScopeException(String message) {
        super(message);
        this.problems = List.of();
    }

    ScopeException(String prefix, Path scopesDir, List<ScopeProblem> problems) {
        super("scope " + prefix + " cannot be used until these lines (in " + scopesDir.toAbsolutePath() + ") are corrected:\n"
                + problems.stream().map(ScopeProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ScopeProblem> problems() {
        return problems;
    }
}
