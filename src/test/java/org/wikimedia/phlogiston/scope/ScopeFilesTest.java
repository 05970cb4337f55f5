package org.wikimedia.phlogiston.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import org.wikimedia.phlogiston.scope.CategoryRule.Display;
import org.wikimedia.phlogiston.scope.CategoryRule.RuleType;

/** Reading scope files as teams wrote them for the original. */
class ScopeFilesTest {

    static final Path REFERENCE_SCOPES = Path.of("src/test/resources/reference/scopes");

    private final ScopeFiles reference = new ScopeFiles(REFERENCE_SCOPES);

    @TempDir
    Path scopesDir;

    @Test
    void settingsAreReadWithTheirDefaults() {
        ScopeSettings alp = reference.read("alp").settings();
        assertThat(alp).isEqualTo(new ScopeSettings("Alpha Team", LocalDate.of(2018, 4, 1), 1, true, true, true, false,
                null, true, 101, LocalDate.of(2019, 2, 1), null, null, MonteCarloSettings.DEFAULTS));

        ScopeSettings bet = reference.read("bet").settings();
        assertThat(bet).isEqualTo(new ScopeSettings("Beta Kanban", LocalDate.of(2018, 1, 15), null, false, true, false, true,
                LocalDate.of(2018, 10, 1), false, 201, LocalDate.of(2019, 1, 15), null, LocalDate.of(2019, 3, 1),
                MonteCarloSettings.DEFAULTS));
    }

    @Test
    void rulesAreReadInFileOrderWithTheirLines() {
        List<CategoryRule> alp = reference.read("alp").rules();
        assertThat(alp).hasSize(9);
        assertThat(alp.get(0)).isEqualTo(new CategoryRule(2, RuleType.PROJECT_COLUMN, "Interrupt", Display.SHOW, List.of(101), "TR0", "", false));
        assertThat(alp.get(5)).isEqualTo(new CategoryRule(7, RuleType.PROJECT_COLUMN, "Done column", Display.SHOW, List.of(101), "Done", "resolved",
                false));
        assertThat(alp.get(6).projectIds()).containsExactly(105, 101);

        assertThat(reference.read("bet").rules().get(4).title()).isEqualTo("Maps, \"v2\" goal");
    }

    @Test
    void columnsMayComeInAnyOrderAndAMisplacedIdIsKeptAsWritten() {
        List<CategoryRule> gam = reference.read("gam").rules();
        assertThat(gam.get(0)).isEqualTo(new CategoryRule(2, RuleType.INTERSECTION, "Gamma maintenance", Display.SHOW, List.of(301, 1454), "", "",
                true));
        assertThat(gam.get(7)).isEqualTo(new CategoryRule(9, RuleType.PROJECT_BY_ID, "Gamma misconfigured", Display.SHOW, List.of(), "301", "",
                false));
    }

    @Test
    void theTeamsFilesAsTheyWereParse() throws IOException {
        List<String> prefixes = WikimediaScopes.copyInto(scopesDir);
        ScopeFiles files = new ScopeFiles(scopesDir);
        assertThat(prefixes).hasSize(36);
        assertThat(files.prefixes()).isEqualTo(prefixes);
        prefixes.forEach(files::read);

        // quotes around a title are not part of it; upper-case displays; quoted header; columns in another order
        assertThat(files.read("discir").settings().scopeTitle()).isEqualTo("Discovery Cirrus");
        assertThat(files.read("ve").settings().scopeTitle()).isEqualTo("VisualEditor");
        assertThat(files.read("ve").rules().get(1).display()).isEqualTo(Display.HIDE);
        assertThat(files.read("ops").rules().get(0).title()).isEqualTo("Procurement");
        assertThat(files.read("lan").rules().get(0)).extracting(CategoryRule::title, CategoryRule::matchString)
                .containsExactly("CX Tasklist (1st goal)", "CX-tasklist (1st goal)");
        // "default" and "True" both mean the start of the current quarter
        assertThat(files.read("clo").settings()).extracting(ScopeSettings::statusReportStart, ScopeSettings::statusReportStartDays)
                .containsExactly(null, null);
        assertThat(files.read("ooj").settings().statusReportStart()).isNull();
    }

    @Test
    void aNumberOfDaysIsAStatusReportStart() throws IOException {
        writeScope("days", "[vars]\nscope_title = Days\nstatus_report_start = 14\n");
        assertThat(new ScopeFiles(scopesDir).read("days").settings().statusReportStartDays()).isEqualTo(14);
    }

    @Test
    void aScopeWithProblemsIsRefusedWithAllOfThem() throws IOException {
        writeScope("two", "[vars]\nstart_date = tomorrow\n");
        assertThatThrownBy(() -> new ScopeFiles(scopesDir).read("two"))
                .isInstanceOf(ScopeException.class)
                .hasMessageContaining("scope two cannot be used")
                .hasMessageContaining("two/scope.ini:1: scope_title is missing")
                .hasMessageContaining("two/scope.ini:2: start_date = tomorrow is not a date")
                .satisfies(e -> assertThat(((ScopeException) e).problems()).hasSize(2));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"../etc", "ABC", "toolong7", "a/b", "a.b", "."})
    void aNameThatIsNotAScopeNameIsRefusedBeforeAnyFileIsLookedAt(String prefix) throws IOException {
        // these folders hold valid scopes: the refusal does not depend on what the file system has
        writeScope("ABC", "[vars]\nscope_title = Upper case\n");
        writeScope("toolong7", "[vars]\nscope_title = Too long\n");
        ScopeFiles files = new ScopeFiles(scopesDir);

        assertThatThrownBy(() -> files.read(prefix)).isInstanceOf(ScopeException.class)
                .hasMessage("'" + prefix + "' is not a scope name: 1–6 lowercase letters or digits");
        assertThat(files.prefixes()).isEmpty();
    }

    @Test
    void prefixesAreTheSubFoldersWithScopeNames() throws IOException {
        writeScope("web", "[vars]\nscope_title = Web\n");
        writeScope("app2", "[vars]\nscope_title = App\n");
        writeScope("Other", "[vars]\nscope_title = Other\n");
        Files.writeString(scopesDir.resolve("notes"), "a file, not a scope");
        assertThat(new ScopeFiles(scopesDir).prefixes()).containsExactly("app2", "web");
        assertThat(new ScopeFiles(scopesDir.resolve("missing")).prefixes()).isEmpty();
    }

    private void writeScope(String prefix, String settings) throws IOException {
        Path folder = Files.createDirectories(scopesDir.resolve(prefix));
        Files.writeString(folder.resolve("scope.ini"), settings);
        Files.writeString(folder.resolve("recategorization.csv"), "rule,title,display,id,matchstring\nProjectByID,All,show,1,\n");
    }
}
