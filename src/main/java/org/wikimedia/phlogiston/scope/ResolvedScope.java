package org.wikimedia.phlogiston.scope;

import java.util.List;

/**
 * A scope whose rules are resolved against the loaded projects. {@code projectIds}: every project id named by
 * the rules, in rule order, each once; a task belongs to the scope on a day when it is in one of them.
 */
public record ResolvedScope(Scope scope, List<ResolvedRule> rules, List<Integer> projectIds) {
}
