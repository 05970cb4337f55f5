package org.wikimedia.phlogiston.scope;

import java.nio.file.Path;
import java.util.List;

/**
 * A team's report as its owner wrote it: the settings of {@code scope.ini} and the rules of
 * {@code recategorization.csv}, in file order, not yet resolved against the loaded projects, and the workflow of
 * the flow metrics ({@code [workflow]} of scope.ini, or the default).
 */
public record Scope(String prefix, Path directory, ScopeSettings settings, List<CategoryRule> rules, Workflow workflow) {
}
