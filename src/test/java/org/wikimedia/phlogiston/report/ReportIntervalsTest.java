package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import org.wikimedia.phlogiston.history.HandBuiltHistory;
import org.wikimedia.phlogiston.scope.ScopeSettings;

/**
 * The recategorized history kept as intervals (task_category_interval) and seen one row per task-day through the
 * view task_on_date_recategorized, on the hand-built history (see RecategorizerTest) under the rules of "recat",
 * "retro" (retroactive categories and points) and "cutoff" (a backlog cutoff): the view holds each task-day once,
 * and the sums aggregate.sql computes from the intervals without spreading them over their days are those of the
 * task-days, summed one row per task-day as the original (and this program before the intervals) did: every range,
 * days after the as-of date left out, task-days without points.
 */
class ReportIntervalsTest extends RecategorizedScopeTest {

    /** Inside the history (2019-01-02 to 2019-01-20), so that intervals reaching beyond it are cut. */
    private static final LocalDate AS_OF = LocalDate.parse("2019-01-12");

    /** task_on_date_agg's rows of a scope computed from its task-days, as the report summed them up to issue #12. */
    private static final String SUMS_OF_THE_TASK_DAYS = """
            WITH resolved_at_cutoff AS (
                SELECT id, bool_or(date = CAST(:cutoff AS date)) AS before_cutoff,
                       bool_or(date = CAST(:cutoff_lastq AS date)) AS before_lastq
                  FROM task_on_date
                 WHERE scope = :scope AND status = 'resolved'
                 GROUP BY id
            ), sums AS (
                SELECT r.date, r.category, r.status, r.maint_type,
                       sum(r.points) AS points, count(*) AS count,
                       sum(r.points) FILTER (WHERE e.before_cutoff IS NOT TRUE) AS cutoff_points,
                       count(*) FILTER (WHERE e.before_cutoff IS NOT TRUE) AS cutoff_count,
                       sum(r.points) FILTER (WHERE e.before_lastq IS NOT TRUE) AS lastq_points,
                       count(*) FILTER (WHERE e.before_lastq IS NOT TRUE) AS lastq_count
                  FROM task_on_date_recategorized r
                  LEFT JOIN resolved_at_cutoff e ON e.id = r.id
                 WHERE r.scope = :scope AND r.date <= :as_of
                 GROUP BY r.date, r.category, r.status, r.maint_type
            )
            SELECT concat_ws(' ', range.name, s.date::date, s.category, s.status, s.maint_type,
                             coalesce(range.points::text, 'null'), range.count)
              FROM sums s
             CROSS JOIN LATERAL (VALUES ('normal', s.points, s.count),
                                        ('cutoff', s.cutoff_points, s.cutoff_count),
                                        ('lastq', s.lastq_points, s.lastq_count)) AS range(name, points, count)
             WHERE range.count > 0""";

    @Autowired
    NamedParameterJdbcTemplate namedJdbc;

    /** Per scope, the task-days its recategorization reported. */
    private final Map<String, Long> taskDays = new HashMap<>();

    @BeforeAll
    void recategorize(@TempDir Path dir) throws IOException {
        load(HandBuiltHistory.dump(), dir);
        for (String scope : List.of("recat", "retro", "cutoff")) {
            assertThat(reconstruction.run(scope, false, null, Duration.ZERO).succeeded()).isTrue();
            taskDays.put(scope, recategorizer.recategorize(resolved(scope)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"recat", "retro", "cutoff"})
    void theViewHoldsEachDayOfEachIntervalOnce(String scope) {
        long viewRows = jdbc.queryForObject("SELECT count(*) FROM task_on_date_recategorized WHERE scope = ?",
                Long.class, scope);
        long distinctDays = jdbc.queryForObject(
                "SELECT count(DISTINCT (id, date)) FROM task_on_date_recategorized WHERE scope = ?", Long.class, scope);
        long intervals = jdbc.queryForObject("SELECT count(*) FROM task_category_interval WHERE scope = ?",
                Long.class, scope);
        assertThat(viewRows).isEqualTo(taskDays.get(scope)).isEqualTo(distinctDays);
        assertThat(intervals).as("fewer intervals than task-days").isPositive().isLessThan(viewRows);
    }

    @Test
    void theRecatScopeKeepsItsTaskDaysInFewerIntervals() {
        assertThat(taskDays.get("recat")).isEqualTo(169);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM task_category_interval WHERE scope = 'recat'", Long.class))
                .isEqualTo(19);
    }

    @ParameterizedTest
    @ValueSource(strings = {"recat", "retro", "cutoff"})
    void theSumsOfTheIntervalsAreThoseOfTheirTaskDays(String scope) {
        ScopeSettings settings = resolved(scope).scope().settings();
        recategorizer.aggregate(scope, settings, AS_OF);
        List<String> expected = sumsOfTheTaskDays(scope, settings);
        assertThat(expected).isNotEmpty();
        assertThat(aggregated(scope)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theCutoffRangeLeavesOutTheTasksResolvedOnTheCutoffDay() {
        recategorizer.aggregate("cutoff", resolved("cutoff").scope().settings(), AS_OF);
        String counts = "SELECT sum(count) FROM task_on_date_agg WHERE scope = 'cutoff' AND range = ?";
        assertThat(jdbc.queryForObject(counts, Long.class, "cutoff"))
                .isLessThan(jdbc.queryForObject(counts, Long.class, "normal"));
        assertThat(jdbc.queryForObject(counts, Long.class, "lastq"))
                .as("nothing was resolved 91 days before the cutoff").isEqualTo(jdbc.queryForObject(counts, Long.class, "normal"));
    }

    @Test
    void aDayWithoutPointsOfAnyTaskOfAGroupHasNoSumOfPointsAndOtherDaysTheSumOfThoseWithPoints() {
        // A copy of recat's intervals in which some tasks have no points, on some of their days only.
        jdbc.update("DELETE FROM task_category_interval WHERE scope = 'nopts'");
        jdbc.update("""
                INSERT INTO task_category_interval (scope, id, first_day, last_day, category, project_id, projectcolumn,
                                                    phab_category_title, status, points, maint_type, priority)
                SELECT 'nopts', id, first_day, last_day, category, project_id, projectcolumn, phab_category_title,
                       status, CASE WHEN id % 2 = 0 OR first_day > '2019-01-06' THEN NULL ELSE points END,
                       maint_type, priority
                  FROM task_category_interval
                 WHERE scope = 'recat'""");
        ScopeSettings settings = resolved("recat").scope().settings();
        recategorizer.aggregate("nopts", settings, AS_OF);
        List<String> expected = sumsOfTheTaskDays("nopts", settings);
        assertThat(expected).anyMatch(row -> row.contains(" null ")).anyMatch(row -> !row.contains(" null "));
        assertThat(aggregated("nopts")).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aSecondRecategorizationReplacesTheScopesIntervalsAndNoOtherScopes() {
        String others = "SELECT string_agg(t.ctid::text || t::text, ',' ORDER BY t.ctid) FROM task_category_interval t "
                + "WHERE scope <> 'retro'";
        String before = jdbc.queryForObject(others, String.class);
        long intervals = jdbc.queryForObject("SELECT count(*) FROM task_category_interval WHERE scope = 'retro'", Long.class);
        assertThat(recategorizer.recategorize(resolved("retro"))).isEqualTo(taskDays.get("retro"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM task_category_interval WHERE scope = 'retro'", Long.class))
                .isEqualTo(intervals);
        assertThat(jdbc.queryForObject(others, String.class)).isEqualTo(before);
    }

    private List<String> sumsOfTheTaskDays(String scope, ScopeSettings settings) {
        LocalDate cutoff = settings.resolvedCutoff(AS_OF);
        return namedJdbc.queryForList(SUMS_OF_THE_TASK_DAYS, new MapSqlParameterSource("scope", scope)
                .addValue("as_of", AS_OF).addValue("cutoff", cutoff)
                .addValue("cutoff_lastq", cutoff == null ? null : cutoff.minusDays(Recategorizer.LAST_QUARTER_DAYS)),
                String.class);
    }

    private List<String> aggregated(String scope) {
        return jdbc.queryForList("""
                SELECT concat_ws(' ', range, date::date, category, status, maint_type, coalesce(points::text, 'null'), count)
                  FROM task_on_date_agg WHERE scope = ?""", String.class, scope);
    }
}
