package org.wikimedia.phlogiston.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.wikimedia.phlogiston.sampledata.SampleDumpGenerator;
import org.wikimedia.phlogiston.sampledata.SampleDumpGenerator.WantedProject;
import org.wikimedia.phlogiston.scope.CategoryRule.RuleType;
import org.wikimedia.phlogiston.scope.ResolvedRule;
import org.wikimedia.phlogiston.scope.Scope;
import org.wikimedia.phlogiston.scope.ScopeFiles;
import org.wikimedia.phlogiston.scope.ScopeResolver;

class WikimediaScopeFilesTest {

    private static final Path WIKIMEDIA_SCOPES = Path.of("src/test/resources/reference/wikimedia-scopes");

    @TempDir
    static Path directory;

    private static List<String> prefixes;
    private static ScopeFiles scopes;
    private static List<WantedProject> wanted;
    /** The generated dump's projects: id to name, and id to its board's column names. */
    private static final Map<Integer, String> namesById = new TreeMap<>();
    private static final Map<Integer, List<String>> columnsById = new HashMap<>();

    @BeforeAll
    static void generateADumpWithTheProjectsOfTheWikimediaScopes() throws IOException {
        Path scopesDir = directory.resolve("scopes");
        prefixes = WikimediaScopeFiles.copyInto(WIKIMEDIA_SCOPES, scopesDir);
        scopes = new ScopeFiles(scopesDir);
        wanted = WikimediaScopeFiles.projectsNamedBy(scopes, prefixes);
        ByteArrayOutputStream dump = new ByteArrayOutputStream();
        new SampleDumpGenerator(new SampleDumpGenerator.Settings(500, 3, LocalDate.of(2019, 7, 1), wanted, 0))
                .writeTo(dump);
        JsonNode projects = new ObjectMapper().readTree(dump.toByteArray()).path("project");
        Map<String, Integer> idsByPhid = new HashMap<>();
        for (JsonNode project : projects.path("projects")) {
            namesById.put(project.get(0).asInt(), project.get(1).asText());
            idsByPhid.put(project.get(2).asText(), project.get(0).asInt());
        }
        for (JsonNode column : projects.path("columns")) {
            Integer projectId = idsByPhid.get(column.get(5).asText());
            if (projectId != null) {
                columnsById.computeIfAbsent(projectId, id -> new ArrayList<>()).add(column.get(2).asText());
            }
        }
    }

    @Test
    void theScopesNameProjectsByIdWithTheirColumnsAndByName() {
        assertThat(prefixes).hasSize(36).contains("ana", "ve", "phl", "tpg");
        assertThat(wanted).contains(new WantedProject(11, null, List.of()), new WantedProject(1030, null, List.of()),
                new WantedProject(null, "Phlogiston", List.of()), new WantedProject(null, "TPG-Epics", List.of()),
                new WantedProject(null, "Discovery-Analysis", List.of()));
        assertThat(wanted).filteredOn(project -> Integer.valueOf(483).equals(project.id())).singleElement()
                .satisfies(project -> assertThat(project.columns()).contains("TR0", "External"));
    }

    @Test
    void everyRuleOfEveryWikimediaScopeFindsItsProjectsAndColumnsInTheGeneratedDump() {
        ScopeResolver resolver = new ScopeResolver();
        List<String> unmatched = new ArrayList<>();
        for (String prefix : prefixes) {
            Scope scope = scopes.read(prefix);
            Integer statusReportProject = scope.settings().statusReportProject();
            if (statusReportProject != null && !namesById.containsKey(statusReportProject)) {
                unmatched.add(prefix + ": status_report_project " + statusReportProject);
            }
            for (ResolvedRule rule : resolver.resolve(scope, namesById).rules()) {
                if (rule.projectIds().isEmpty() || !namesById.keySet().containsAll(rule.projectIds())) {
                    unmatched.add(prefix + ":" + rule.line() + " " + rule.title() + " " + rule.projectIds());
                } else if (rule.type() == RuleType.PROJECT_COLUMN && !rule.matchString().isEmpty()
                        && columnsById.getOrDefault(rule.projectIds().get(0), List.of()).stream()
                        .noneMatch(column -> column.contains(rule.matchString()))) {
                    unmatched.add(prefix + ":" + rule.line() + " column " + rule.matchString());
                }
            }
        }

        // per's line 4 names its project in the wrong column: no dump can give that rule a project
        assertThat(unmatched).containsExactly("per:4 Other []");
    }
}
