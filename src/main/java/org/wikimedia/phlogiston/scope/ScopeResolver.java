package org.wikimedia.phlogiston.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.scope.CategoryRule.RuleType;

/**
 * Resolves a scope's rules against the loaded projects, as the original did when it filled its table
 * {@code category}: a ProjectsByWildcard rule becomes one ProjectByID rule per project whose name contains the
 * text (by project id, titled by the project's name), a ProjectByName rule a ProjectByID rule. A rule that finds
 * no project is kept without ids and matches nothing; {@link ScopeChecker} reports it.
 */
@Component
public class ScopeResolver {

    public ResolvedScope resolve(Scope scope, Map<Integer, String> projectNamesById) {
        List<ResolvedRule> resolved = new ArrayList<>();
        for (CategoryRule rule : scope.rules()) {
            switch (rule.type()) {
                case PROJECTS_BY_WILDCARD -> projectsWhoseNameContains(rule.matchString(), projectNamesById).forEach(id ->
                        resolved.add(byId(resolved.size(), rule, projectNamesById.get(id), List.of(id), projectNamesById)));
                case PROJECT_BY_NAME -> resolved.add(byId(resolved.size(), rule, rule.title(),
                        projectNamed(rule.matchString(), projectNamesById).map(List::of).orElse(List.of()), projectNamesById));
                default -> resolved.add(new ResolvedRule(resolved.size(), rule.type(), rule.title(), rule.display(),
                        rule.projectIds(), names(rule.projectIds(), projectNamesById), rule.matchString(),
                        rule.forceStatus(), rule.includeInStatus(), rule.line()));
            }
        }
        List<Integer> projectIds = resolved.stream().flatMap(rule -> rule.projectIds().stream()).distinct().toList();
        return new ResolvedScope(scope, List.copyOf(resolved), projectIds);
    }

    /** Ids of the projects whose name contains the text (case matters, as in the original's LIKE), in id order. */
    static List<Integer> projectsWhoseNameContains(String text, Map<Integer, String> projectNamesById) {
        if (text.isEmpty()) {
            // the original matched every project; a scope of the whole dump is never what was meant
            return List.of();
        }
        return projectNamesById.entrySet().stream()
                .filter(project -> project.getValue() != null && project.getValue().contains(text))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** The project with exactly this name (Phabricator's names are unique; the lowest id should two share one). */
    static Optional<Integer> projectNamed(String name, Map<Integer, String> projectNamesById) {
        return projectNamesById.entrySet().stream().filter(project -> name.equals(project.getValue()))
                .map(Map.Entry::getKey).min(Integer::compare);
    }

    private static ResolvedRule byId(int sortOrder, CategoryRule rule, String title, List<Integer> ids,
                                     Map<Integer, String> projectNamesById) {
        return new ResolvedRule(sortOrder, RuleType.PROJECT_BY_ID, title, rule.display(), ids, names(ids, projectNamesById),
                "", rule.forceStatus(), rule.includeInStatus(), rule.line());
    }

    /** In the order of the ids (the original listed them in table order: Fix P6); "" for an unknown id, as there. */
    private static List<String> names(List<Integer> ids, Map<Integer, String> projectNamesById) {
        return ids.stream().map(id -> Objects.requireNonNullElse(projectNamesById.get(id), "")).toList();
    }
}
