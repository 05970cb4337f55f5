package org.wikimedia.phlogiston.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Resolution gives the original's table {@code category} (reference/expected/<scope>/category.csv). */
class ScopeResolverTest {

    private static final Path EXPECTED = Path.of("src/test/resources/reference/expected");

    private static Map<Integer, String> referenceProjects;

    private final ScopeFiles files = new ScopeFiles(ScopeFilesTest.REFERENCE_SCOPES);
    private final ScopeResolver resolver = new ScopeResolver();

    @BeforeAll
    static void readTheReferenceProjects() throws IOException {
        referenceProjects = DumpProjects.of(DumpProjects.REFERENCE_DUMP);
    }

    /**
     * Every column of every row, except the order of an Intersection's project names: the original listed them in
     * table order, we in the order of the ids (Fix P6), which differs only in alp's "Alpha tech debt".
     */
    @ParameterizedTest
    @ValueSource(strings = {"alp", "bet", "gam"})
    void rulesAreThoseOfTheOriginal(String prefix) throws IOException {
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        List<CSVRecord> rows = expectedCategories(prefix);
        List<ResolvedRule> rules = resolver.resolve(files.read(prefix), referenceProjects).rules();
        assertThat(rules).hasSameSizeAs(rows);
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord row = rows.get(i);
            ResolvedRule rule = rules.get(i);
            boolean p6 = rule.type() == CategoryRule.RuleType.INTERSECTION;
            expected.add(String.join("|", row.get("sort_order"), row.get("rule"), pgArray(row.get("project_id_list")).toString(),
                    names(pgArray(row.get("project_name_list")), p6).toString(), row.get("matchstring"), row.get("title"),
                    row.get("display"), row.get("include_in_status"), row.get("force_status")));
            actual.add(String.join("|", Integer.toString(rule.sortOrder()), rule.type().fileName(), rule.projectIds().toString(),
                    names(rule.projectNames(), p6).toString(), rule.matchString(), rule.title(),
                    rule.display().name().toLowerCase(Locale.ROOT), rule.includeInStatus() ? "t" : "f", rule.forceStatus()));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void fixP6ChangesOnlyTheOrderOfAlphaTechDebtsNames() {
        ResolvedRule techDebt = resolver.resolve(files.read("alp"), referenceProjects).rules().get(6);
        assertThat(techDebt.projectIds()).containsExactly(105, 101);
        assertThat(techDebt.projectNames()).containsExactly("Alpha-Tech-Debt", "Alpha-Team");
    }

    @Test
    void theScopesProjectsAreAllIdsOfItsRulesInRuleOrder() {
        assertThat(resolver.resolve(files.read("alp"), referenceProjects).projectIds()).containsExactly(101, 105, 102, 103, 104);
        assertThat(resolver.resolve(files.read("bet"), referenceProjects).projectIds()).containsExactly(201, 1656, 202, 203, 204);
        assertThat(resolver.resolve(files.read("gam"), referenceProjects).projectIds()).containsExactly(301, 1454, 302, 105, 401);
    }

    @Test
    void withoutProjectsNamesAndWildcardsFindNothing() {
        ResolvedScope alp = resolver.resolve(files.read("alp"), Map.of());
        assertThat(alp.rules()).extracting(ResolvedRule::title).containsExactly("Interrupt", "Search relaunch", "Faster pages",
                "Mobile", "External", "Done column", "Alpha tech debt", "Alpha other");
        assertThat(alp.rules().get(7).projectIds()).isEmpty();
        assertThat(alp.rules().get(0).projectNames()).containsExactly("");
    }

    private static List<String> names(List<String> names, boolean inAnyOrder) {
        return inAnyOrder ? names.stream().sorted().toList() : names;
    }

    /** A PostgreSQL array as COPY writes it: {a,"b c"}; the reference names have no commas or escapes. */
    private static List<String> pgArray(String text) {
        String inner = text.substring(1, text.length() - 1);
        if (inner.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(inner.split(",")).map(element -> element.replaceAll("^\"|\"$", "")).toList();
    }

    private static List<CSVRecord> expectedCategories(String prefix) throws IOException {
        try (Reader in = Files.newBufferedReader(EXPECTED.resolve(prefix).resolve("category.csv"))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }
}
