package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.wikimedia.phlogiston.report.ScopeReport.Category;
import org.wikimedia.phlogiston.report.ScopeReport.DayTotals;
import org.wikimedia.phlogiston.report.ScopeReport.MaintenanceWeek;
import org.wikimedia.phlogiston.report.ScopeReport.TaskLine;
import org.wikimedia.phlogiston.scope.ResolvedRule;
import org.wikimedia.phlogiston.scope.ResolvedScope;

/** What the report of "recat" (see RecatReportTest) holds: categories, burnup, maintenance, task lists, forecasts. */
class ScopeReportBuilderTest extends RecatReportTest {

    private DayTotals day(String date, String category) {
        return report.burnup().stream()
                .filter(day -> day.date().equals(LocalDate.parse(date)) && day.category().equals(category))
                .findFirst().orElseThrow();
    }

    @Test
    void categoriesAreTheTitlesInRuleOrderWithoutOmittedOnes() {
        assertThat(report.categories()).containsExactly(new Category("Doing work", false, 0),
                new Category("Maintenance", false, 1), new Category("Goal work", true, 2),
                new Category("Team rest", false, 4));
    }

    @Test
    void aCategoryWithoutTaskDaysIsNotListedAndTheOthersKeepTheirPlace() {
        LocalDate day = LocalDate.parse("2019-01-02");
        List<Category> categories = List.of(new Category("Empty rule", false, 0), new Category("Only zeros", false, 1),
                new Category("Resolved work", true, 2), new Category("Open work", false, 3));
        List<DayTotals> days = List.of(new DayTotals(day, "Only zeros", 0, 0, 0, 0),
                new DayTotals(day, "Resolved work", 0, 0, 0, 1), new DayTotals(day, "Open work", 0, 2, 0, 0));
        assertThat(ScopeReportBuilder.withTaskDays(categories, days)).as("as the original's get_categories")
                .containsExactly(new Category("Resolved work", true, 2), new Category("Open work", false, 3));
    }

    @Test
    void aTitleOfTwoRulesIsOneCategoryWithTheFirstRulesDisplay() {
        // The last rule (Team rest, shown) renamed to the hidden Goal work.
        ResolvedScope recat = resolved("recat");
        List<ResolvedRule> hiddenThenShown = new ArrayList<>(recat.rules());
        ResolvedRule lastRule = hiddenThenShown.get(hiddenThenShown.size() - 1);
        hiddenThenShown.set(hiddenThenShown.size() - 1, new ResolvedRule(
                lastRule.sortOrder(), lastRule.type(), "Goal work", lastRule.display(), lastRule.projectIds(),
                lastRule.projectNames(), lastRule.matchString(), lastRule.forceStatus(), lastRule.includeInStatus(),
                lastRule.line()));
        assertThat(ScopeReportBuilder.categories(hiddenThenShown)).extracting(Category::title, Category::hidden)
                .containsExactly(tuple("Doing work", false), tuple("Maintenance", false), tuple("Goal work", true));
    }

    @Test
    void burnupSumsOpenAndResolvedWorkPerDayAndCategory() {
        assertThat(day("2019-01-06", "Team rest")).as("101 resolved (3); 102, 104 at 5, 109, 110 open")
                .isEqualTo(new DayTotals(LocalDate.parse("2019-01-06"), "Team rest", 26, 4, 3, 1));
        assertThat(day("2019-01-11", "Team rest")).as("102 resolved, 110 declined and gone")
                .isEqualTo(new DayTotals(LocalDate.parse("2019-01-11"), "Team rest", 12, 3, 7, 1));
        assertThat(day("2019-01-04", "Maintenance")).as("forced resolved")
                .isEqualTo(new DayTotals(LocalDate.parse("2019-01-04"), "Maintenance", 0, 0, 7, 1));
        assertThat(report.burnup()).as("from the first day of the history to the as-of date")
                .extracting(DayTotals::date).contains(LocalDate.parse("2019-01-02"), AS_OF)
                .allMatch(date -> !date.isAfter(AS_OF));
    }

    @Test
    void maintenanceIsTheWorkResolvedPerWeekAndMaintTypeBackFromTheLatestData() {
        // Weeks: every 7th day back from 01-12 within 3 months, from the first day of the history (01-01) on. 01-05:
        // 105 (Maintenance, forced resolved, 7 points); 01-12: 105 and 102 (no tag, resolved 01-10, no points);
        // 101 (New Functionality) was resolved on 01-06 only, so neither week counts it. As in the original, a week
        // lists the maint_types it has work of, and a type's first week has no growth (nothing to compare with).
        LocalDate first = LocalDate.parse("2019-01-05");
        assertThat(report.maintenance()).containsExactly(
                new MaintenanceWeek(first, "Maintenance", null, null),
                new MaintenanceWeek(AS_OF, "", null, null),
                new MaintenanceWeek(AS_OF, "Maintenance", 0L, 0L));
    }

    @Test
    void pointsHistogramCountsTheResolvedTasksOfThisScopeOnTheLatestDay() {
        assertThat(report.pointsHistogram()).as("102 and 105, default points 7, priority 50 (Fix P3)")
                .containsExactly(new ScopeReport.HistogramBar(2, 7, 50));
    }

    @Test
    void categoryPossibilitiesAreTheTaskDaysPerParentTitleProjectAndColumn() {
        assertThat(report.categoryPossibilities())
                .contains(new ScopeReport.CategoryPossibility(20, "Big goal", "Team", ""),
                        new ScopeReport.CategoryPossibility(2, null, "Other", "Todo"))
                .allMatch(row -> row.count() > 0);
    }

    @Test
    void tasksResolvedOnTheBacklogCutoffStayOffTheDoneSide() {
        ResolvedScope cutoff = reconstructAndRecategorize("cutoff");
        recategorizer.aggregate("cutoff", cutoff.scope().settings(), AS_OF);
        ScopeReport withCutoff = builder.build(cutoff, AS_OF);

        assertThat(withCutoff.burnup()).as("101 was resolved on the cutoff, 2019-01-07: never done")
                .contains(new DayTotals(LocalDate.parse("2019-01-06"), "Team rest", 26, 4, 0, 0));
        assertThat(withCutoff.burnup()).as("105 is resolved by force_status only: its history has it open, so done")
                .filteredOn(day -> day.category().equals("Maintenance")).allMatch(day -> day.resolvedCount() == 1);
        assertThat(withCutoff.burnupLastQuarter()).as("91 days before the cutoff, nothing was resolved yet")
                .isEqualTo(report.burnup());
    }

    @Test
    void theLastQuarterCountsAllOfThisShortHistory() {
        assertThat(report.burnupLastQuarter()).isEqualTo(report.burnup());
    }

    @Test
    void theReportIsDatedByItsData() {
        assertThat(report.latestData()).isEqualTo(AS_OF);
        assertThat(report.generatedAt()).isEqualTo(Instant.parse("2019-03-15T12:00:00Z"));
        assertThat(report.title()).isEqualTo("Recategorization test");
    }

    @Test
    void openTasksAreThoseOpenOnTheLatestDayWithTheirLastTransaction() {
        assertThat(report.openTasks()).extracting(TaskLine::id).containsExactly(101, 104, 106, 107, 108, 109);
        assertThat(report.openTasks().get(0)).as("in scope from 01-03; its last status change (to stalled) on 01-09")
                .isEqualTo(new TaskLine(101, "Task 101", "Team rest", "open", 3, LocalDate.parse("2019-01-03"),
                        LocalDate.parse("2019-01-09")));
        assertThat(report.openTasks().get(1).changed())
                .as("points transactions (01-05, 01-08) do not count, as in the original: its last project change")
                .isEqualTo(LocalDate.parse("2019-01-01"));
        assertThat(report.openTasks().get(2).title()).isEqualTo("Big goal");
    }

    @Test
    void unpointedTasksAreThoseOfTheLatestDayWithoutPointsInTheDumpOfAnyStatus() {
        assertThat(report.unpointedTasks()).extracting(TaskLine::id, TaskLine::status, TaskLine::points)
                .as("default_points (7) do not make a task pointed; 105 is resolved by force_status")
                .containsExactly(tuple(102, "resolved", 7), tuple(105, "resolved", 7), tuple(106, "open", 7),
                        tuple(107, "open", 7), tuple(108, "open", 7), tuple(109, "open", 7));
    }

    @Test
    void recentlyClosedTasksAreThoseResolvedOnADayAfterOneTheyWereNot() {
        assertThat(report.recentlyClosed()).extracting(TaskLine::id, TaskLine::category, TaskLine::changed)
                .as("105 once, on entering its forced category (Fix P2), not on every day since")
                .containsExactly(tuple(105, "Maintenance", LocalDate.parse("2019-01-04")),
                        tuple(101, "Team rest", LocalDate.parse("2019-01-06")),
                        tuple(102, "Team rest", LocalDate.parse("2019-01-11")));
    }

    @Test
    void forecastsCoverEveryCategoryWithWorkOnTheLatestWeekDate() {
        assertThat(report.velocity()).extracting(forecast -> forecast.date())
                .allMatch(date -> ChronoUnit.DAYS.between(date, AS_OF) % 7 == 0);
        assertThat(report.forecastTable()).extracting(row -> row.category())
                .containsExactly("Goal work", "Maintenance", "Team rest");
    }
}
