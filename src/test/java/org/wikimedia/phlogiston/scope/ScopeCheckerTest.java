package org.wikimedia.phlogiston.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of mistake is reported at its file and line, once, with what to do. The broken scopes are in
 * src/test/resources/scope-check; their ids and names refer to the projects of the reference dump.
 */
class ScopeCheckerTest {

    private static final Path BROKEN_SCOPES = Path.of("src/test/resources/scope-check");

    private static Map<Integer, String> referenceProjects;

    private final ScopeChecker checker = checker(BROKEN_SCOPES);

    @BeforeAll
    static void readTheReferenceProjects() throws IOException {
        referenceProjects = DumpProjects.of(DumpProjects.REFERENCE_DUMP);
    }

    // ---------------------------------------------------------------- scope.ini

    @Test
    void unknownSetting() {
        assertProblem("ini/scope.ini:4", "unknown setting 'strat_date': correct its name or remove the line");
    }

    @Test
    void badDate() {
        assertProblem("ini/scope.ini:5", "start_date = 2019-13-01 is not a date: write it as YYYY-MM-DD");
    }

    @Test
    void badBoolean() {
        assertProblem("ini/scope.ini:6", "show_points = maybe is not true or false: write True or False");
    }

    @Test
    void badNumber() {
        assertProblem("ini/scope.ini:7", "default_points = three is not a whole number");
    }

    @Test
    void badCutoffAndStatusReportStart() {
        assertProblem("ini/scope.ini:8", "backlog_resolved_cutoff = someday is not a date (YYYY-MM-DD), 'default'");
        assertProblem("ini/scope.ini:9", "status_report_start = last week is not a date (YYYY-MM-DD), 'default'");
    }

    @Test
    void statusReportProjectNotLoaded() {
        assertProblem("ini/scope.ini:10", "status_report_project 9999 is not among the loaded projects: correct the id");
    }

    @Test
    void settingGivenTwice() {
        assertProblem("ini/scope.ini:12", "show_count is set twice (also on line 11): keep one of the lines");
    }

    @Test
    void missingScopeTitle() {
        assertProblem("notitl/scope.ini:1", "scope_title is missing: add the line 'scope_title = <the report's title>' under [vars]");
    }

    @Test
    void linesOutsideVarsOrNotSettings() {
        assertProblem("layout/scope.ini:1", "this setting comes before any section: put [vars] on a line above it");
        assertProblem("layout/scope.ini:4", "'this line is no setting' is not a setting: write it as key = value");
        assertProblem("layout/scope.ini:5", "unknown section [other]: the settings go in the section [vars]");
    }

    // ---------------------------------------------------------------- recategorization.csv as written

    @Test
    void unknownColumnAndUnclosedQuote() {
        assertProblem("layout/recategorization.csv:1", "unknown column 'notes': correct the header");
        assertProblem("layout/recategorization.csv:3", "a quoted value is not closed: add the missing \"");
    }

    @Test
    void unknownRule() {
        assertProblem("rules/recategorization.csv:3", "unknown rule 'ProjectById2': use one of ProjectByID, ProjectByName, "
                + "ProjectsByWildcard, Intersection, ProjectColumn, ParentTask");
    }

    @Test
    void unknownDisplay() {
        assertProblem("rules/recategorization.csv:4", "unknown display 'visible': use show, hide or omit (empty means show)");
    }

    @Test
    void idThatIsNotANumber() {
        assertProblem("rules/recategorization.csv:5", "id '10l' is not a list of project ids: write the ids as numbers separated by spaces");
    }

    @Test
    void badForceStatusAndIncludeInStatus() {
        assertProblem("rules/recategorization.csv:6", "force_status 'closed' is not possible: write resolved");
        assertProblem("rules/recategorization.csv:7", "include_in_status 'sometimes' is not true or false");
    }

    @Test
    void moreValuesThanColumns() {
        assertProblem("rules/recategorization.csv:8", "this line has more values than the header has columns");
    }

    // ---------------------------------------------------------------- what each rule needs

    @Test
    void wrongNumberOfIds() {
        assertProblem("shape/recategorization.csv:2", "ProjectByID needs one project id in the id column; it has none "
                + "(101 is in the matchstring column: move it to the id column)");
        assertProblem("shape/recategorization.csv:3", "Intersection needs two project ids in the id column; it has 1");
        assertProblem("shape/recategorization.csv:4", "ProjectColumn needs one project id in the id column; it has 2");
        assertProblem("shape/recategorization.csv:5", "ProjectByName takes no id (it finds its projects by the matchstring): empty the id column");
    }

    @Test
    void missingMatchstring() {
        assertProblem("shape/recategorization.csv:6", "ParentTask needs a matchstring: the text the parent task titles contain");
        assertProblem("shape/recategorization.csv:7", "ProjectsByWildcard needs a matchstring: the text the project names contain");
    }

    @Test
    void missingTitle() {
        assertProblem("shape/recategorization.csv:8", "the title is empty: write the name of the category the rule fills");
    }

    @Test
    void duplicateTitleWithConflictingDisplay() {
        assertProblem("shape/recategorization.csv:10", "the category 'Sprints' is also on line 9 with display hide, here show");
    }

    // ---------------------------------------------------------------- against the loaded projects

    @Test
    void idsNotAmongTheLoadedProjects() {
        assertProblem("projs/recategorization.csv:2", "project 9999 is not among the loaded projects: correct the id");
        assertProblem("projs/recategorization.csv:3", "project 8888 is not among the loaded projects: correct the id");
        assertProblem("projs/scope.ini:3", "status_report_project 9999 is not among the loaded projects");
    }

    @Test
    void projectByNameWithNoMatch() {
        assertProblem("projs/recategorization.csv:4", "no loaded project is named 'alpha-team': write the name exactly, in the same case");
    }

    @Test
    void wildcardMatchingNothing() {
        assertProblem("projs/recategorization.csv:5", "no loaded project name contains 'Omega-': correct the text (case matters) or remove the rule");
    }

    @Test
    void wildcardTitleConflictingWithAnotherRule() {
        assertProblem("projs/recategorization.csv:7", "the category 'Alpha-Sprint-1' is also on line 6 with display hide, here show");
    }

    // ---------------------------------------------------------------- files and scopes

    @Test
    void missingFile() {
        assertThat(problems("nofile")).containsExactly("nofile/recategorization.csv: is missing: a scope folder holds scope.ini "
                + "(the original's <prefix>_scope.py) and recategorization.csv (<prefix>_recategorization.csv)");
    }

    @Test
    void missingScope() {
        assertThat(problems("absent")).singleElement().asString().startsWith("absent: there is no such scope: ")
                .endsWith(" does not exist; the scopes are ini, layout, nofile, notitl, projs, rules, shape");
    }

    @Test
    void everyMistakeIsReportedOnceInFileAndLineOrder() {
        assertThat(problems("ini")).hasSize(8);
        assertThat(problems("layout")).hasSize(5);
        assertThat(problems("rules")).hasSize(6);
        assertThat(problems("shape")).hasSize(8);
        assertThat(problems("projs")).extracting(p -> p.substring(0, p.indexOf(": "))).containsExactly("projs/scope.ini:3",
                "projs/recategorization.csv:2", "projs/recategorization.csv:3", "projs/recategorization.csv:4",
                "projs/recategorization.csv:5", "projs/recategorization.csv:7");
    }

    @Test
    void withoutLoadedProjectsOnlyTheFilesAreChecked() {
        assertThat(checker.check("projs", Map.of())).isEmpty();
        assertThat(checker.check("shape", Map.of())).hasSize(8);
    }

    @Test
    void theReferenceScopesHaveExactlyTheirDeliberateMistakes() {
        ScopeChecker reference = checker(ScopeFilesTest.REFERENCE_SCOPES);
        assertThat(reference.check("alp", referenceProjects)).isEmpty();
        assertThat(reference.check("bet", referenceProjects)).isEmpty();
        assertThat(reference.check("gam", referenceProjects)).extracting(ScopeProblem::toString).containsExactly(
                "gam/recategorization.csv:6: the category 'Gamma ops and debt' is also on line 5 with display hide, here show: "
                        + "one category is shown one way; use the same display",
                "gam/recategorization.csv:8: no loaded project name contains 'Nonexistent-': correct the text (case matters) or remove the rule",
                "gam/recategorization.csv:9: ProjectByID needs one project id in the id column; it has none "
                        + "(301 is in the matchstring column: move it to the id column)");
    }

    /** Their ids are those of the real Phabricator, so only the files are checked; the original ran these mistakes. */
    @Test
    void theTeamsFilesHaveOnlyTheMistakesTheOriginalLetThrough(@TempDir Path scopesDir) throws IOException {
        ScopeChecker teams = checker(scopesDir);
        List<String> problems = WikimediaScopes.copyInto(scopesDir).stream()
                .flatMap(prefix -> teams.check(prefix, Map.of()).stream()).map(ScopeProblem::toString).toList();
        assertThat(problems).containsExactly(
                "col/recategorization.csv:34: Intersection needs two project ids in the id column; it has 1",
                "col/recategorization.csv:35: ProjectColumn needs a matchstring: the text the column name contains",
                "per/recategorization.csv:4: ProjectByID needs one project id in the id column; it has none "
                        + "(1212 is in the matchstring column: move it to the id column)");
    }

    private static ScopeChecker checker(Path scopesDir) {
        return new ScopeChecker(new ScopeFiles(scopesDir), new ScopeResolver());
    }

    private List<String> problems(String prefix) {
        return checker.check(prefix, referenceProjects).stream().map(ScopeProblem::toString).toList();
    }

    /** Exactly one problem at {@code file:line}, saying this. */
    private void assertProblem(String fileAndLine, String says) {
        String prefix = fileAndLine.substring(0, fileAndLine.indexOf('/'));
        List<String> problems = problems(prefix);
        assertThat(problems).as("problems of %s", prefix).filteredOn(p -> p.startsWith(fileAndLine + ": "))
                .singleElement().asString().contains(says);
    }
}
