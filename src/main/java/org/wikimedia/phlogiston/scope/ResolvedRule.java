package org.wikimedia.phlogiston.scope;

import java.util.List;

/**
 * A rule after resolution against the loaded projects: wildcards expanded into one {@code ProjectByID} rule
 * per matching project (titled by the project's name), names turned into ids. {@code sortOrder} is the
 * rule's priority (0 first), as stored in the table {@code category}.
 */
public record ResolvedRule(int sortOrder, CategoryRule.RuleType type, String title, CategoryRule.Display display,
                           List<Integer> projectIds, List<String> projectNames, String matchString,
                           String forceStatus, boolean includeInStatus, int line) {
}
