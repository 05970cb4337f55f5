package org.wikimedia.phlogiston.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.wikimedia.phlogiston.sampledata.SampleDumpGenerator.WantedProject;
import org.wikimedia.phlogiston.scope.CategoryRule;
import org.wikimedia.phlogiston.scope.Scope;
import org.wikimedia.phlogiston.scope.ScopeFiles;

/**
 * The scopes Wikimedia teams ran with the original (a folder of {@code <prefix>_scope.py} and
 * {@code <prefix>_recategorization.csv}, as the test resources hold the 36 of them), and the projects they name,
 * so that a generated dump can have them.
 */
public final class WikimediaScopeFiles {

    private static final String SETTINGS_SUFFIX = "_scope.py";
    private static final String RULES_SUFFIX = "_recategorization.csv";

    private WikimediaScopeFiles() {
    }

    /**
     * Copies each {@code <prefix>_scope.py} and {@code <prefix>_recategorization.csv} of {@code folder} unchanged into
     * our layout ({@code <scopesDir>/<prefix>/scope.ini} and {@code recategorization.csv}), replacing earlier copies.
     *
     * @return the prefixes, sorted
     */
    public static List<String> copyInto(Path folder, Path scopesDir) throws IOException {
        List<String> prefixes;
        try (Stream<Path> files = Files.list(folder)) {
            prefixes = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(SETTINGS_SUFFIX))
                    .map(name -> name.substring(0, name.length() - SETTINGS_SUFFIX.length())).sorted().toList();
        }
        for (String prefix : prefixes) {
            Path scope = Files.createDirectories(scopesDir.resolve(prefix));
            Files.copy(folder.resolve(prefix + SETTINGS_SUFFIX), scope.resolve("scope.ini"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.copy(folder.resolve(prefix + RULES_SUFFIX), scope.resolve("recategorization.csv"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return prefixes;
    }

    /**
     * Every project the scopes name: by id (rules, {@code status_report_project}), with the columns their
     * ProjectColumn rules look for, in id order; then by name (ProjectByName, and a project named after the text of
     * each ProjectsByWildcard rule, so that the rule finds at least that one), in name order.
     */
    public static List<WantedProject> projectsNamedBy(ScopeFiles scopes, List<String> prefixes) {
        Map<Integer, Set<String>> columnsById = new TreeMap<>();
        Set<String> names = new TreeSet<>();
        for (String prefix : prefixes) {
            Scope scope = scopes.read(prefix);
            Integer statusReportProject = scope.settings().statusReportProject();
            if (statusReportProject != null) {
                columnsById.computeIfAbsent(statusReportProject, id -> new LinkedHashSet<>());
            }
            for (CategoryRule rule : scope.rules()) {
                for (int id : rule.projectIds()) {
                    Set<String> columns = columnsById.computeIfAbsent(id, key -> new LinkedHashSet<>());
                    if (rule.type() == CategoryRule.RuleType.PROJECT_COLUMN && !rule.matchString().isEmpty()) {
                        columns.add(rule.matchString());
                    }
                }
                boolean byName = rule.type() == CategoryRule.RuleType.PROJECT_BY_NAME
                        || rule.type() == CategoryRule.RuleType.PROJECTS_BY_WILDCARD;
                if (byName && !rule.matchString().isEmpty()) {
                    names.add(rule.matchString());
                }
            }
        }
        List<WantedProject> wanted = new ArrayList<>();
        columnsById.forEach((id, columns) -> wanted.add(new WantedProject(id, null, List.copyOf(columns))));
        names.forEach(name -> wanted.add(new WantedProject(null, name, List.of())));
        return wanted;
    }
}
