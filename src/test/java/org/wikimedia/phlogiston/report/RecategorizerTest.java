package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.wikimedia.phlogiston.history.HandBuiltHistory;

/**
 * Recategorization of the hand-built history (see HandBuiltHistory) by the rules of the scopes "recat" and
 * "retro" in src/test/resources/history-scopes: Doing column (show), Team ∩ Maintenance (force resolved),
 * parent "Big goal" (hide), Other (omit), rest of Team (show); "retro" adds retroactive categories and points.
 */
class RecategorizerTest extends RecategorizedScopeTest {

    @BeforeAll
    void recategorize(@TempDir Path dir) throws IOException {
        load(HandBuiltHistory.dump(), dir);
        for (String scope : List.of("recat", "retro")) {
            reconstructAndRecategorize(scope);
        }
    }

    /** "category status points" of the task on the day, or null when the report leaves the row out. */
    private String row(String scope, int task, String day) {
        List<String> rows = jdbc.queryForList("""
                SELECT concat_ws(' ', category, status, points) FROM task_on_date_recategorized
                 WHERE scope = ? AND id = ? AND date = ?::date""", String.class, scope, task, day);
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Test
    void theFirstRuleThatMatchesWins() {
        assertThat(row("recat", 103, "2019-01-04")).isEqualTo("Team rest open 1");
        assertThat(row("recat", 103, "2019-01-05")).as("the Doing column comes before the rest of Team").isEqualTo("Doing work open 1");
        assertThat(row("recat", 108, "2019-01-05")).as("under the Big goal").isEqualTo("Goal work open 7");
    }

    @Test
    void thePriorityIsCarriedOver() {
        assertThat(jdbc.queryForObject("SELECT priority FROM task_on_date_recategorized WHERE scope = 'recat' AND id = 103 LIMIT 1",
                Integer.class)).isEqualTo(50);
    }

    @Test
    void hiddenCategoriesStayAndOmittedOnesGo() {
        assertThat(row("recat", 106, "2019-01-05")).startsWith("Goal work");
        assertThat(row("recat", 103, "2019-01-07")).as("only in Other, which is omitted").isNull();
        assertThat(row("recat", 105, "2019-01-02")).as("only in Other (and Maintenance)").isNull();
    }

    @Test
    void forceStatusMakesTheCategoryResolved() {
        assertThat(row("recat", 105, "2019-01-04")).as("Team and Maintenance: forced resolved though open").isEqualTo("Maintenance resolved 7");
    }

    @Test
    void stalledCountsAsOpenAndClosedAsInvalidGoes() {
        assertThat(row("recat", 101, "2019-01-10")).isEqualTo("Team rest open 3");
        assertThat(row("recat", 110, "2019-01-10")).isEqualTo("Team rest open 7");
        assertThat(row("recat", 110, "2019-01-11")).as("declined").isNull();
    }

    @Test
    void retroactiveCategoriesAndPointsTakeThoseOfTheLatestDay() {
        assertThat(row("retro", 103, "2019-01-04")).as("its latest day counted is in the Doing column").isEqualTo("Doing work open 1");
        assertThat(row("recat", 104, "2019-01-06")).isEqualTo("Team rest open 5");
        assertThat(row("retro", 104, "2019-01-06")).as("its latest points are 2").isEqualTo("Team rest open 2");
    }
}
