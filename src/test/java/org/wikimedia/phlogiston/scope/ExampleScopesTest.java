package org.wikimedia.phlogiston.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.wikimedia.phlogiston.sampledata.SampleDumpGenerator;
import org.wikimedia.phlogiston.scope.CategoryRule.Display;
import org.wikimedia.phlogiston.scope.CategoryRule.RuleType;

/** The example scopes shipped in scopes/ fit the bundled sample dump and show every feature of scope files. */
class ExampleScopesTest {

    private static final ScopeFiles EXAMPLES = new ScopeFiles(Path.of("scopes"));

    private static Map<Integer, String> sampleProjects;

    @BeforeAll
    static void readTheSampleDumpsProjects() throws IOException {
        // the settings of 'load --dump sample'
        ByteArrayOutputStream sample = new ByteArrayOutputStream();
        new SampleDumpGenerator(new SampleDumpGenerator.Settings(400, 20261120L, LocalDate.of(2026, 11, 20))).writeTo(sample);
        sampleProjects = DumpProjects.of(new ByteArrayInputStream(sample.toByteArray()));
    }

    @Test
    void everyExampleChecksClean() {
        ScopeChecker checker = new ScopeChecker(EXAMPLES, new ScopeResolver());
        assertThat(EXAMPLES.prefixes()).containsExactly("ana", "ctech");
        EXAMPLES.prefixes().forEach(prefix -> assertThat(checker.check(prefix, sampleProjects)).as(prefix).isEmpty());
    }

    @Test
    void togetherTheyUseEveryRuleTypeDisplayAndForceStatus() {
        List<CategoryRule> rules = EXAMPLES.prefixes().stream().flatMap(prefix -> EXAMPLES.read(prefix).rules().stream()).toList();
        assertThat(rules).extracting(CategoryRule::type).contains(RuleType.values());
        assertThat(rules).extracting(CategoryRule::display).contains(Display.values());
        assertThat(rules).extracting(CategoryRule::forceStatus).contains("resolved");
    }

    @Test
    void theirWildcardsAndNamesFindTheTeamsProjects() {
        ScopeResolver resolver = new ScopeResolver();
        assertThat(resolver.resolve(EXAMPLES.read("ana"), sampleProjects).projectIds()).containsExactly(1, 1454, 21, 41);
        assertThat(resolver.resolve(EXAMPLES.read("ctech"), sampleProjects).projectIds()).containsExactly(46, 1656, 6, 26);
    }
}
