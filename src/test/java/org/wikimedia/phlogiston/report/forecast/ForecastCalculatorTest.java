package org.wikimedia.phlogiston.report.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import org.wikimedia.phlogiston.report.forecast.WeeklySeries.Week;

/** Constructed series whose every expected value is worked out by hand in the comments. */
class ForecastCalculatorTest {

    private static final Offset<Double> EXACT = within(1e-12);
    private static final LocalDate LAST = LocalDate.of(2019, 4, 19);

    /**
     * 16 weeks, 2019-01-04 to 2019-04-19 (all Fridays).
     * <pre>
     * row  date   points total  gain | points resolved  gain | count total | count resolved (gain 1 a week)
     *  0  01-04        20        0   |        0          0   |     20      |  0
     *  1  01-11        40       20   |       10         10   |     20      |  1
     *  2  01-18        40        0   |       10          0   |     20      |  2
     *  3  01-25        42        2   |       12          2   |     20      |  3
     *  4  02-01        42        0   |       15          3   |     20      |  4
     *  5  02-08        45        3   |       16          1   |     20      |  5
     *  6  02-15        44       -1   |       20          4   |     20      |  6
     *  7  02-22        44        0   |       18         -2   |     20      |  7   (2 points reopened)
     *  8  03-01        48        4   |       22          4   |     20      |  8
     *  9  03-08        48        0   |       23          1   |     20      |  9
     * 10  03-15        50        2   |       26          3   |     20      | 10
     * 11  03-22        50        0   |       27          1   |     20      | 11
     * 12  03-29        49       -1   |       29          2   |     20      | 12
     * 13  04-05        52        3   |       34          5   |     20      | 13
     * 14  04-12        52        0   |       33         -1   |     20      | 14   (1 point reopened)
     * 15  04-19        54        2   |       35          2   |     20      | 15
     * </pre>
     * On 04-19 the last 3 months are the dates after 2019-01-19: rows 3 to 15, 13 weeks, so the large gains of
     * row 1 are out of it. The last 3 weeks are the dates after 03-29: rows 13 to 15.
     */
    private static WeeklySeries construction() {
        long[] pointsTotal = {20, 40, 40, 42, 42, 45, 44, 44, 48, 48, 50, 50, 49, 52, 52, 54};
        long[] pointsResolved = {0, 10, 10, 12, 15, 16, 20, 18, 22, 23, 26, 27, 29, 34, 33, 35};
        List<Week> weeks = new ArrayList<>();
        for (int i = 0; i < pointsTotal.length; i++) {
            weeks.add(new Week(LAST.minusWeeks(15 - i), pointsTotal[i], 20, pointsResolved[i], i));
        }
        return new WeeklySeries("Construction", weeks);
    }

    /** Four weeks to 04-19 in which 1 point a week was added and nothing resolved; one task all along. */
    private static WeeklySeries stalled() {
        return new WeeklySeries("Stalled", List.of(
                new Week(LAST.minusWeeks(3), 2, 1, 0, 0),
                new Week(LAST.minusWeeks(2), 3, 1, 0, 0),
                new Week(LAST.minusWeeks(1), 4, 1, 0, 0),
                new Week(LAST, 5, 1, 0, 0)));
    }

    /** Four weeks to 04-19 at the end of which everything is resolved. */
    private static WeeklySeries finished() {
        return new WeeklySeries("Finished", List.of(
                new Week(LAST.minusWeeks(3), 3, 2, 1, 0),
                new Week(LAST.minusWeeks(2), 3, 2, 2, 1),
                new Week(LAST.minusWeeks(1), 3, 2, 3, 2),
                new Week(LAST, 3, 2, 3, 2)));
    }

    /** A category whose tasks all left in February: it has no week on the latest date. */
    private static WeeklySeries retired() {
        return new WeeklySeries("Retired", List.of(new Week(LocalDate.of(2019, 2, 1), 4, 2, 1, 1)));
    }

    private static WeeklyForecast last(WeeklySeries series) {
        List<WeeklyForecast> rows = ForecastCalculator.weeklyForecasts(series);
        return rows.get(rows.size() - 1);
    }

    @Test
    void velocitiesGrowthAndForecastsOfTheLatestWeek() {
        MeasureForecast points = last(construction()).points();

        assertThat(points.total()).isEqualTo(54);
        assertThat(points.resolved()).isEqualTo(35);
        assertThat(points.deltaResolved()).isEqualTo(2);
        assertThat(points.deltaTotal()).isEqualTo(2);
        // resolved gains of rows 3..15: 2 3 1 4 -2 4 1 3 1 2 5 -1 2.
        // Pessimistic: the 3 lowest are -2 -1 1, a reopening counting as 0: (0 + 0 + 1) / 3.
        assertThat(points.pesVel()).isCloseTo(1.0 / 3, EXACT);
        // Nominal: the mean over the last 3 weeks, the reopening included: (5 - 1 + 2) / 3 = 2, above the floor 1.
        assertThat(points.nomVel()).isCloseTo(2, EXACT);
        // Optimistic: the 3 highest, 5 4 4: 13 / 3, above the floor 2.
        assertThat(points.optVel()).isCloseTo(13.0 / 3, EXACT);

        // total gains of rows 3..15, a shrinking week counting as 0: 2 0 3 0 0 4 0 2 0 0 3 0 2, sum 16.
        // 3-month max: the 3 largest, 4 3 3: 10 / 3. 3-week max: 3 0 2 (all three): 5 / 3.
        assertThat(points.threemMaxGrowrate()).isCloseTo(10.0 / 3, EXACT);
        assertThat(points.threewMaxGrowrate()).isCloseTo(5.0 / 3, EXACT);
        // Growth: optimistic none; nominal the 3-week mean 5 / 3; pessimistic the larger of the 3-month mean
        // 16 / 13 and the 3-month max 10 / 3.
        assertThat(points.optTotalGrowrate()).isZero();
        assertThat(points.nomTotalGrowrate()).isCloseTo(5.0 / 3, EXACT);
        assertThat(points.pesTotalGrowrate()).isCloseTo(10.0 / 3, EXACT);

        // 54 - 35 = 19 points open.
        // Pessimistic: 19 / (1/3 - 10/3) = 19 / -3, negative: growth outruns velocity, no forecast.
        assertThat(points.pesFore()).isNull();
        assertThat(points.pesDate()).isNull();
        // Nominal: 19 / (2 - 5/3) = 57 weeks; 2019-04-19 + 57 weeks = 2020-05-22 (2020 is a leap year).
        assertThat(points.nomFore()).isEqualTo(57);
        assertThat(points.nomDate()).isEqualTo(LocalDate.of(2020, 5, 22));
        // Optimistic: 19 / (13/3 - 0) = 4.38, rounded 4; 2019-05-17.
        assertThat(points.optFore()).isEqualTo(4);
        assertThat(points.optDate()).isEqualTo(LocalDate.of(2019, 5, 17));
    }

    @Test
    void countForecastRoundsHalfToEven() {
        MeasureForecast count = last(construction()).count();

        // Every weekly gain is 1 and the total never grows: velocities 1, 1, and 2 by its floor; no growth.
        assertThat(count.pesVel()).isCloseTo(1, EXACT);
        assertThat(count.nomVel()).isCloseTo(1, EXACT);
        assertThat(count.optVel()).isCloseTo(2, EXACT);
        assertThat(count.pesTotalGrowrate()).isZero();
        assertThat(count.nomTotalGrowrate()).isZero();
        // 20 - 15 = 5 tasks open: 5 weeks pessimistic and nominal (2019-05-24); optimistic 5 / 2 = 2.5, rounded
        // half to even to 2 (2019-05-03), as PostgreSQL rounds a double.
        assertThat(count.pesFore()).isEqualTo(5);
        assertThat(count.nomFore()).isEqualTo(5);
        assertThat(count.optFore()).isEqualTo(2);
        assertThat(count.pesDate()).isEqualTo(LocalDate.of(2019, 5, 24));
        assertThat(count.optDate()).isEqualTo(LocalDate.of(2019, 5, 3));
    }

    @Test
    void theFirstWeeksAverageTheExtremesOverThreeWeeksButTheNominalOverTheWeeksThereAre() {
        MeasureForecast secondWeek = ForecastCalculator.weeklyForecasts(construction()).get(1).points();

        // The first week has no previous week: its gains are 0. The second gained 10 resolved, 20 total.
        assertThat(ForecastCalculator.weeklyForecasts(construction()).get(0).points().deltaResolved()).isZero();
        // Gains 0 and 10. The 3 lowest of two weeks are both, over 3: 10 / 3; so are the 3 highest.
        assertThat(secondWeek.pesVel()).isCloseTo(10.0 / 3, EXACT);
        assertThat(secondWeek.optVel()).isCloseTo(10.0 / 3, EXACT);
        // The nominal mean is over the two weeks: 10 / 2.
        assertThat(secondWeek.nomVel()).isCloseTo(5, EXACT);
        // Growth 0 and 20: 3-week mean 10; 3-month mean 10 against the 3 largest over 3, 20 / 3: 10.
        assertThat(secondWeek.nomTotalGrowrate()).isCloseTo(10, EXACT);
        assertThat(secondWeek.pesTotalGrowrate()).isCloseTo(10, EXACT);
        assertThat(secondWeek.threemMaxGrowrate()).isCloseTo(20.0 / 3, EXACT);
    }

    @Test
    void aVelocityThatGrowthCancelsGivesNoForecast() {
        MeasureForecast points = last(stalled()).points();

        // Total gains 0 1 1 1, resolved gains all 0. Nominal velocity 0, raised to its floor 1; nominal growth
        // (1 + 1 + 1) / 3 = 1: 1 - 1 = 0, no forecast.
        assertThat(points.nomVel()).isCloseTo(1, EXACT);
        assertThat(points.nomTotalGrowrate()).isCloseTo(1, EXACT);
        assertThat(points.nomFore()).isNull();
        assertThat(points.nomDate()).isNull();
        // Pessimistic growth: the larger of the mean 3 / 4 and the 3 largest (1 1 1) / 3 = 1; velocity 0: negative.
        assertThat(points.pesTotalGrowrate()).isCloseTo(1, EXACT);
        assertThat(points.pesFore()).isNull();
        // Optimistic: floor 2, no growth: 5 open / 2 = 2.5, to even 2. Nothing resolved yet is still a forecast.
        assertThat(points.optFore()).isEqualTo(2);
        assertThat(points.optDate()).isEqualTo(LocalDate.of(2019, 5, 3));

        MeasureForecast count = last(stalled()).count();
        // One task open, no growth. Nominal 1 / 1 = 1 week; optimistic 1 / 2 = 0.5 rounds to 0: no forecast;
        // pessimistic velocity 0 - 0: no forecast.
        assertThat(count.nomFore()).isEqualTo(1);
        assertThat(count.nomDate()).isEqualTo(LocalDate.of(2019, 4, 26));
        assertThat(count.optFore()).isNull();
        assertThat(count.pesFore()).isNull();
    }

    @Test
    void aCompletedCategoryHasVelocitiesButNoForecast() {
        WeeklyForecast done = last(finished());

        // Resolved point gains 0 1 1 0: pessimistic (0 + 0 + 1) / 3, nominal 2 / 3 raised to 1, optimistic 2 / 3
        // raised to 2. Nothing is open, so none of them forecasts anything.
        assertThat(done.points().pesVel()).isCloseTo(1.0 / 3, EXACT);
        assertThat(done.points().nomVel()).isCloseTo(1, EXACT);
        assertThat(done.points().optVel()).isCloseTo(2, EXACT);
        for (MeasureForecast measure : List.of(done.points(), done.count())) {
            assertThat(measure.total()).isEqualTo(measure.resolved());
            assertThat(Arrays.asList(measure.pesFore(), measure.nomFore(), measure.optFore(),
                    measure.pesDate(), measure.nomDate(), measure.optDate())).containsOnlyNulls();
        }
    }

    @Test
    void aWeekWithoutTheCategoryIsSkipped() {
        // The category had no tasks on 01-18: gains of 01-25 are against 01-11.
        List<WeeklyForecast> rows = ForecastCalculator.weeklyForecasts(new WeeklySeries("Gap", List.of(
                new Week(LocalDate.of(2019, 1, 4), 5, 5, 0, 0),
                new Week(LocalDate.of(2019, 1, 11), 5, 5, 1, 1),
                new Week(LocalDate.of(2019, 1, 25), 8, 6, 4, 2))));

        MeasureForecast points = rows.get(2).points();
        assertThat(points.deltaResolved()).isEqualTo(3);
        assertThat(points.deltaTotal()).isEqualTo(3);
        // The last 3 weeks (after 01-04) hold two weeks: nominal velocity (1 + 3) / 2.
        assertThat(points.nomVel()).isCloseTo(2, EXACT);
    }

    @Test
    void threeMonthsAreCalendarMonths() {
        // Three months before 2018-10-19 span 92 days: the week 13 weeks back (07-20) is in the window. Three months
        // before 2019-04-19 span 90 days: the week 13 weeks back (01-18) is not. That week alone resolved 9 points.
        assertThat(last(nineResolvedThirteenWeeksBefore(LocalDate.of(2018, 10, 19))).points().optVel())
                .isCloseTo(3, EXACT);
        assertThat(last(nineResolvedThirteenWeeksBefore(LAST)).points().optVel()).isCloseTo(2, EXACT);
    }

    private static WeeklySeries nineResolvedThirteenWeeksBefore(LocalDate lastDate) {
        List<Week> weeks = new ArrayList<>();
        for (int weeksBefore = 14; weeksBefore >= 0; weeksBefore--) {
            long resolved = weeksBefore <= 13 ? 9 : 0;
            weeks.add(new Week(lastDate.minusWeeks(weeksBefore), 20, 20, resolved, 0));
        }
        return new WeeklySeries("Window", weeks);
    }

    @Test
    void projectionLinesStartAtTheActualTotalsAndRunThirteenWeeks() {
        List<ProjectionPoint> lines = ForecastCalculator.projection(last(construction()));

        assertThat(lines).hasSize(14);
        assertThat(lines.get(0).date()).isEqualTo(LAST);
        assertThat(lines.get(0).points()).isEqualTo(new MeasureProjection(54, 54, 54, 35, 35, 35));
        ProjectionPoint end = lines.get(13);
        assertThat(end.date()).isEqualTo(LocalDate.of(2019, 7, 19));
        // Total 54 grown 13 weeks at 10/3, 5/3 and 0; resolved 35 grown 13 weeks at 1/3, 2 and 13/3.
        assertThat(end.points().pesGrowviz()).isCloseTo(54 + 130.0 / 3, EXACT);
        assertThat(end.points().nomGrowviz()).isCloseTo(54 + 65.0 / 3, EXACT);
        assertThat(end.points().optGrowviz()).isCloseTo(54, EXACT);
        assertThat(end.points().pesVelviz()).isCloseTo(35 + 13.0 / 3, EXACT);
        assertThat(end.points().nomVelviz()).isCloseTo(35 + 26, EXACT);
        assertThat(end.points().optVelviz()).isCloseTo(35 + 169.0 / 3, EXACT);
        // Count: total 20 never grows; resolved 15 grown at 1, 1 and 2.
        assertThat(end.count()).isEqualTo(new MeasureProjection(20, 20, 20, 28, 28, 41));
    }

    @Test
    void theForecastTableListsTheCategoriesOfTheLatestDateByTitle() {
        List<WeeklySeries> scope = List.of(stalled(), retired(), finished(), construction());

        // Retired has no week on 04-19, the latest date: no current forecast, no row.
        assertThat(ForecastCalculator.currentForecasts(ForecastCalculator.weeklyForecasts(scope))).extracting(WeeklyForecast::category)
                .containsExactly("Stalled", "Finished", "Construction");
        assertThat(ForecastCalculator.forecastTable(ForecastCalculator.currentForecasts(ForecastCalculator.weeklyForecasts(scope)))).containsExactly(
                new ForecastTableRow("Construction", null, 57, 4, 5, 5, 2),
                new ForecastTableRow("Finished", null, null, null, null, null, null),
                new ForecastTableRow("Stalled", null, null, 2, null, 1, null));
    }

    @Test
    void weekDatesMustIncrease() {
        assertThatThrownBy(() -> new WeeklySeries("Twice", List.of(
                new Week(LAST, 1, 1, 0, 0), new Week(LAST, 1, 1, 0, 0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Twice");
    }
}
