package org.wikimedia.phlogiston.scope;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.scope.CategoryRule.RuleType;

/**
 * Everything wrong with a scope, without changing anything: the problems of its files (see {@link ScopeFiles}),
 * rules that cannot match what they mean to (ids, matchstring, title), one title shown two ways, and, when a dump
 * is loaded, names and ids that are not among its projects.
 */
@Component
public class ScopeChecker {

    private final ScopeFiles files;
    private final ScopeResolver resolver;

    public ScopeChecker(ScopeFiles files, ScopeResolver resolver) {
        this.files = files;
        this.resolver = resolver;
    }

    /**
     * The problems of the scope: scope.ini first, then recategorization.csv, each in line order.
     *
     * @param projectNamesById the loaded projects; empty when no dump is loaded, and then the checks against them
     *                         are skipped
     * @throws ScopeException if the prefix is not a scope name
     */
    public List<ScopeProblem> check(String prefix, Map<Integer, String> projectNamesById) {
        ScopeFiles.ScopeReading reading = files.readLeniently(prefix);
        Scope scope = reading.scope();
        FileProblems settingsProblems = new FileProblems(Path.of(prefix, SettingsFile.NAME));
        FileProblems rulesProblems = new FileProblems(Path.of(prefix, RulesFile.NAME));
        scope.rules().forEach(rule -> checkShape(rule, rulesProblems));
        if (!projectNamesById.isEmpty()) {
            scope.rules().forEach(rule -> checkProjects(rule, projectNamesById, rulesProblems));
            checkStatusReportProject(scope.settings(), reading.settingLines(), projectNamesById, settingsProblems);
        }
        checkDisplays(resolver.resolve(scope, projectNamesById).rules(), rulesProblems);

        List<Path> fileOrder = List.of(Path.of(prefix), Path.of(prefix, SettingsFile.NAME), Path.of(prefix, RulesFile.NAME));
        List<ScopeProblem> problems = new ArrayList<>(reading.problems());
        problems.addAll(settingsProblems.list());
        problems.addAll(rulesProblems.list());
        problems.sort(Comparator.comparingInt((ScopeProblem problem) -> fileOrder.indexOf(problem.file()))
                .thenComparingInt(ScopeProblem::line));
        return problems;
    }

    /** What each rule type needs: how many ids, and whether it matches on a text. */
    private static void checkShape(CategoryRule rule, FileProblems problems) {
        RuleType type = rule.type();
        int idsNeeded = switch (type) {
            case PROJECT_BY_ID, PROJECT_COLUMN, PARENT_TASK -> 1;
            case INTERSECTION -> 2;
            case PROJECT_BY_NAME, PROJECTS_BY_WILDCARD -> 0;
        };
        int ids = rule.projectIds().size();
        if (idsNeeded == 0 && ids > 0) {
            problems.add(rule.line(), type.fileName() + " takes no id (it finds its projects by the matchstring): empty the id column");
        } else if (ids != idsNeeded) {
            String hint = ids == 0 && ScopeValues.wholeNumber(rule.matchString()).isPresent()
                    ? " (" + rule.matchString() + " is in the matchstring column: move it to the id column)" : "";
            problems.add(rule.line(), type.fileName() + " needs " + (idsNeeded == 1 ? "one project id" : "two project ids")
                    + " in the id column; it has " + (ids == 0 ? "none" : ids) + hint);
        }
        boolean needsMatchString = switch (type) {
            case PROJECT_BY_NAME, PROJECTS_BY_WILDCARD, PROJECT_COLUMN, PARENT_TASK -> true;
            case PROJECT_BY_ID, INTERSECTION -> false;
        };
        if (needsMatchString && rule.matchString().isEmpty()) {
            problems.add(rule.line(), type.fileName() + " needs a matchstring: " + switch (type) {
                case PROJECT_BY_NAME -> "the exact name of the project";
                case PROJECTS_BY_WILDCARD -> "the text the project names contain";
                case PROJECT_COLUMN -> "the text the column name contains";
                default -> "the text the parent task titles contain";
            });
        }
        if (type != RuleType.PROJECTS_BY_WILDCARD && rule.title().isEmpty()) {
            problems.add(rule.line(), "the title is empty: write the name of the category the rule fills");
        }
    }

    private static void checkProjects(CategoryRule rule, Map<Integer, String> projectNamesById, FileProblems problems) {
        for (int id : rule.projectIds()) {
            if (!projectNamesById.containsKey(id)) {
                problems.add(rule.line(), "project " + id + " is not among the loaded projects: correct the id");
            }
        }
        String text = rule.matchString();
        if (text.isEmpty()) {
            return;
        }
        if (rule.type() == RuleType.PROJECT_BY_NAME && ScopeResolver.projectNamed(text, projectNamesById).isEmpty()) {
            problems.add(rule.line(), "no loaded project is named '" + text + "': write the name exactly, in the same case");
        }
        if (rule.type() == RuleType.PROJECTS_BY_WILDCARD && ScopeResolver.projectsWhoseNameContains(text, projectNamesById).isEmpty()) {
            problems.add(rule.line(), "no loaded project name contains '" + text + "': correct the text (case matters) or remove the rule");
        }
    }

    private static void checkStatusReportProject(ScopeSettings settings, Map<String, Integer> settingLines,
                                                 Map<Integer, String> projectNamesById, FileProblems problems) {
        Integer project = settings.statusReportProject();
        if (project != null && !projectNamesById.containsKey(project)) {
            problems.add(settingLines.get(SettingsFile.STATUS_REPORT_PROJECT),
                    "status_report_project " + project + " is not among the loaded projects: correct the id");
        }
    }

    /** A title is one category, shown one way (the original drew it twice otherwise: Fix P5). */
    private static void checkDisplays(List<ResolvedRule> rules, FileProblems problems) {
        Map<String, ResolvedRule> firstByTitle = new HashMap<>();
        for (ResolvedRule rule : rules) {
            ResolvedRule first = firstByTitle.putIfAbsent(rule.title(), rule);
            if (first != null && first.display() != rule.display()) {
                problems.add(rule.line(), "the category '" + rule.title() + "' is also on line " + first.line() + " with display "
                        + name(first.display()) + ", here " + name(rule.display()) + ": one category is shown one way; use the same display");
            }
        }
    }

    private static String name(CategoryRule.Display display) {
        return display.name().toLowerCase(Locale.ROOT);
    }
}
