package org.wikimedia.phlogiston.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The [workflow] section of scope.ini: read as written (src/test/resources/workflow-check/flowok), each mistake at its
 * line (flow, flowbk), and the default for every scope without one.
 */
class WorkflowSettingsTest {

    private static final Path SCOPES = Path.of("src/test/resources/workflow-check");

    private final ScopeFiles files = new ScopeFiles(SCOPES);
    private final ScopeChecker checker = new ScopeChecker(files, new ScopeResolver());

    @Test
    void aWorkflowIsReadInAnyCaseWithEitherDelimiter() {
        assertThat(files.read("flowok").workflow()).isEqualTo(new Workflow(List.of(
                new Workflow.Stage("Backlog", List.of(), List.of()),
                new Workflow.Stage("Doing", List.of(), List.of("Doing", "In progress")),
                new Workflow.Stage("Done", List.of("resolved"), List.of())), 1, 2));
        assertThat(checker.check("flowok", Map.of())).isEmpty();
    }

    @Test
    void eachMistakeIsReportedAtItsLineWithWhatToDo() {
        assertThat(checker.check("flow", Map.of())).extracting(ScopeProblem::toString).containsExactly(
                "flow/scope.ini:4: the stage 'Doing' is listed twice: list each stage once",
                "flow/scope.ini:4: the stage 'Review' has no members: add a line 'stage.Review = column:<workboard column>,"
                        + " status:<status>, ...' (only the first stage may have none)",
                "flow/scope.ini:5: 'colum:In progress' is not a stage member: write column:<workboard column> or "
                        + "status:<open|stalled|resolved>, separated by commas",
                "flow/scope.ini:6: stage.reveiw names no stage of 'stages' (line 4): correct the name or add the stage there",
                "flow/scope.ini:7: 'status:finished' is not a stage member: write column:<workboard column> or "
                        + "status:<open|stalled|resolved>, separated by commas",
                "flow/scope.ini:9: done = Shipped is not one of the stages: write one of Backlog, Doing, Review, Doing, Done",
                "flow/scope.ini:10: unknown workflow setting 'wip_limit': the settings of [workflow] are stages, "
                        + "stage.<name>, commitment, done",
                "flow/scope.ini:11: commitment is set twice (also on line 8): keep one of the lines");
        assertThat(checker.check("flowbk", Map.of())).extracting(ScopeProblem::toString).containsExactly(
                "flowbk/scope.ini:4: the stage 'Done' has no members: add a line 'stage.Done = column:<workboard column>,"
                        + " status:<status>, ...' (only the first stage may have none)",
                "flowbk/scope.ini:7: the done stage comes before the commitment stage: work is committed before it is "
                        + "done; choose a done stage at or after 'Done'");
    }

    @Test
    void aScopeWithMistakesInItsWorkflowIsNotRead() {
        assertThat(catchThrowable(() -> files.read("flowbk")))
                .isInstanceOf(ScopeException.class).hasMessageContaining("flowbk/scope.ini:7: the done stage");
    }

    /** The teams' files have no [workflow]: they read as before, with the workflow of the statuses. */
    @Test
    void everyScopeWithoutAWorkflowHasTheDefault(@TempDir Path scopesDir) throws IOException {
        ScopeFiles teams = new ScopeFiles(scopesDir);
        List<String> prefixes = WikimediaScopes.copyInto(scopesDir);
        assertThat(prefixes).hasSize(36);
        prefixes.forEach(prefix -> assertThat(teams.readLeniently(prefix).scope().workflow()).as(prefix)
                .isEqualTo(Workflow.DEFAULT));
        assertThat(Workflow.DEFAULT.stageOf("stalled", "Doing")).isEqualTo(1);
        assertThat(Workflow.DEFAULT.stageOf("resolved", null)).isEqualTo(2);
    }
}
