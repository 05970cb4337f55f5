package org.wikimedia.phlogiston.report.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.wikimedia.phlogiston.report.forecast.Measure;
import org.wikimedia.phlogiston.report.forecast.WeeklySeries;
import org.wikimedia.phlogiston.scope.MonteCarloSettings;

/** The trials on series whose outcome is known exactly. */
class MonteCarloForecasterTest {

    private static final LocalDate FIRST_WEEK = LocalDate.of(2019, 1, 6);
    private static final LocalDate AS_OF = LocalDate.of(2019, 3, 31);
    private static final MonteCarloSettings SETTINGS = new MonteCarloSettings(12, 104, 10_000, null);

    @Test
    void constantThroughputWithoutGrowthFinishesOnOneDate() {
        // 12 weeks resolving 3 a week with nothing added: 12 still open
        WeeklySeries steady = series("Steady", 48, 0, 3, 0, 12);
        MonteCarloForecast forecast = only(steady, Measure.COUNT);
        LocalDate lastWeek = FIRST_WEEK.plusWeeks(12);
        assertThat(forecast.window().open()).isEqualTo(12);
        assertThat(forecast.window().weeks()).isEqualTo(12);
        for (int percent : MonteCarloForecast.PERCENTS) {
            assertThat(forecast.finishedBy(percent)).isEqualTo(lastWeek.plusWeeks(4));
        }
        assertThat(forecast.simulation().doneWithinHorizon()).isEqualByComparingTo(BigDecimal.ONE);
    }

    @Test
    void growthEqualToThroughputNeverFinishes() {
        WeeklySeries treadmill = series("Treadmill", 20, 0, 3, 3, 3);
        MonteCarloForecast forecast = only(treadmill, Measure.POINTS);
        assertThat(forecast.simulation().finished()).isZero();
        assertThat(forecast.simulation().doneWithinHorizon()).isEqualByComparingTo(BigDecimal.ZERO);
        for (int percent : MonteCarloForecast.PERCENTS) {
            assertThat(forecast.finishedBy(percent)).isNull();
        }
    }

    /**
     * Throughput 0 or 1, each in half the window's weeks, no growth, 5 open: a trial finishes by week k exactly when
     * at least 5 of its first k draws are 1, with probability P(Binomial(k, 1/2) >= 5) (the negative binomial's
     * distribution function). With 10,000 trials the share that finished by week k has a standard error of at most
     * sqrt(0.25 / 10,000) = 0.005; the seeded run must come within 4 standard errors (0.02) of every exact value.
     */
    @Test
    void twoValuedThroughputMatchesTheExactProbabilities() {
        WeeklySeries coinFlips = coinFlips(11);
        MonteCarloForecast forecast = only(coinFlips, Measure.COUNT);
        assertThat(forecast.window().open()).isEqualTo(5);
        assertThat(forecast.window().throughput()).containsOnly(0, 1);

        Simulation simulation = forecast.simulation();
        long finished = 0;
        for (int week = 0; week <= 30; week++) {
            finished += simulation.finishedInWeek(week);
            double share = (double) finished / simulation.trials();
            assertThat(share).as("share finished by week %d", week).isCloseTo(atLeastHeads(week, 5), within(0.02));
        }
        assertThat(simulation.finished()).isEqualTo(simulation.trials());
    }

    @Test
    void howManyOnAConstantSeriesIsTheThroughputTimesTheWeeks() {
        // the latest week is 2019-03-31, the target date's default the end of its quarter: 0 whole weeks ahead
        MonteCarloForecast byQuarterEnd = only(series("Steady", 200, 0, 3, 0, 12), Measure.COUNT);
        assertThat(byQuarterEnd.targetDate()).isEqualTo(LocalDate.of(2019, 3, 31));
        assertThat(byQuarterEnd.simulation().doneByTarget(85)).isZero();

        MonteCarloSettings fiveWeeks = new MonteCarloSettings(12, 104, 1000, LocalDate.of(2019, 5, 8));
        MonteCarloForecast steady = only(series("Steady", 200, 0, 3, 0, 12), Measure.POINTS, fiveWeeks);
        for (int percent : MonteCarloForecast.PERCENTS) {
            assertThat(steady.simulation().doneByTarget(percent)).isEqualTo(15);
        }
        // never more than is open: 4 open and nothing added
        MonteCarloForecast small = only(series("Small", 40, 0, 3, 0, 12), Measure.POINTS, fiveWeeks);
        assertThat(small.window().open()).isEqualTo(4);
        assertThat(small.simulation().doneByTarget(50)).isEqualTo(4);
    }

    @Test
    void theFanOfAConstantSeriesIsTheThroughputTimesTheWeeksUntilNothingIsOpen() {
        // 12 open, 3 resolved a week, nothing added: done after week w is min(3w, 12) in every trial
        MonteCarloForecast steady = only(series("Steady", 48, 0, 3, 0, 12), Measure.COUNT);
        assertThat(steady.simulation().fanWeeks()).isEqualTo(MonteCarloForecast.FAN_MIN_WEEKS);
        for (int week = 0; week <= steady.simulation().fanWeeks(); week++) {
            for (int percent : MonteCarloForecast.PERCENTS) {
                assertThat(steady.simulation().doneInAtLeast(week, percent)).as("week %d, %d%%", week, percent)
                        .isEqualTo(Math.min(3L * week, 12));
            }
        }
        // growing as fast as it is done: the backlog never empties, and the work done goes on at 3 a week
        MonteCarloForecast treadmill = only(series("Treadmill", 20, 0, 3, 3, 12), Measure.POINTS);
        assertThat(treadmill.simulation().doneInAtLeast(13, 95)).isEqualTo(39);
    }

    @Test
    void theFanReachesTheTargetDateButAtLeastAQuarterAndAtMostTheHorizon() {
        WeeklySeries steady = series("Steady", 200, 0, 3, 0, 12);
        // 2019-03-31 to 2019-09-30: 26 whole weeks
        MonteCarloSettings halfYear = new MonteCarloSettings(12, 104, 1000, LocalDate.of(2019, 9, 30));
        MonteCarloForecast far = only(steady, Measure.POINTS, halfYear);
        assertThat(far.simulation().fanWeeks()).isEqualTo(26);
        for (int percent : MonteCarloForecast.PERCENTS) {
            assertThat(far.simulation().doneInAtLeast(26, percent)).isEqualTo(far.simulation().doneByTarget(percent))
                    .isEqualTo(78);
        }
        MonteCarloSettings shortHorizon = new MonteCarloSettings(12, 8, 1000, LocalDate.of(2019, 9, 30));
        MonteCarloForecast beyondHorizon = only(steady, Measure.POINTS, shortHorizon);
        assertThat(beyondHorizon.simulation().fanWeeks()).isEqualTo(8);
        assertThat(beyondHorizon.simulation().doneByTarget(50)).isEqualTo(78);
    }

    /**
     * Throughput 0 or 1, each in half the window's weeks, nothing added, more open than can be done: the work done
     * after week k is Binomial(k, 1/2). The fan's p% value is the largest v with P(X >= v) >= p%; the test checks it
     * where that probability is not within 0.02 (4 standard errors of 10,000 trials) of p%, where sampling could
     * tip the value to its neighbour.
     */
    @Test
    void theFanOfATwoValuedThroughputMatchesTheExactPercentiles() {
        // a fan of 26 weeks: to 2019-09-30
        MonteCarloForecast forecast = only(coinFlips(512), Measure.COUNT,
                new MonteCarloSettings(12, 104, 10_000, LocalDate.of(2019, 9, 30)));
        int checked = 0;
        for (int week = 1; week <= forecast.simulation().fanWeeks(); week++) {
            for (int percent : MonteCarloForecast.PERCENTS) {
                double share = percent / 100.0;
                long exact = week;
                while (atLeastHeads(week, (int) exact) < share) {
                    exact--;
                }
                boolean clearOfTheEdges = atLeastHeads(week, (int) exact) - share > 0.02
                        && share - atLeastHeads(week, (int) exact + 1) > 0.02;
                if (clearOfTheEdges) {
                    assertThat(forecast.simulation().doneInAtLeast(week, percent)).as("week %d, %d%%", week, percent)
                            .isEqualTo(exact);
                    checked++;
                }
            }
        }
        // of the 26 weeks × 3 percentiles, those clear of the edges (a count of the exact distribution alone)
        assertThat(checked).isEqualTo(39);
    }

    @Test
    void theWholeScopeSumsTheCategoriesAndEveryForecastIsSeededByItsInputs() {
        WeeklySeries steady = series("Steady", 48, 0, 3, 0, 12);
        WeeklySeries treadmill = series("Treadmill", 20, 0, 3, 3, 12);
        List<MonteCarloForecast> forecasts = MonteCarloForecaster.forecast("alp", AS_OF, List.of(steady, treadmill), SETTINGS);
        assertThat(forecasts).extracting(MonteCarloForecast::category, MonteCarloForecast::measure).containsExactly(
                tuple("Steady", Measure.POINTS), tuple("Steady", Measure.COUNT),
                tuple("Treadmill", Measure.POINTS), tuple("Treadmill", Measure.COUNT),
                tuple("(all)", Measure.POINTS), tuple("(all)", Measure.COUNT));
        MonteCarloForecast whole = forecasts.get(5);
        assertThat(whole.window().open()).isEqualTo(12 + 20);
        assertThat(whole.window().throughput()).containsOnly(6);
        assertThat(whole.window().growth()).containsOnly(3);
        // 32 open, 3 net a week: done in week 11
        assertThat(whole.finishedBy(95)).isEqualTo(FIRST_WEEK.plusWeeks(12 + 11));

        assertThat(Seeds.of("alp", "Steady", Measure.COUNT, AS_OF)).isEqualTo(Seeds.of("alp", "Steady", Measure.COUNT, AS_OF))
                .isNotEqualTo(Seeds.of("alp", "Steady", Measure.POINTS, AS_OF))
                .isNotEqualTo(Seeds.of("alp", "Steady", Measure.COUNT, AS_OF.plusDays(1)))
                .isNotEqualTo(Seeds.of("alpS", "teady", Measure.COUNT, AS_OF));
    }

    /** P(Binomial(k, 1/2) >= {@code least}), summed exactly. */
    private static double atLeastHeads(int k, int least) {
        double probability = 0;
        for (int heads = Math.max(least, 0); heads <= k; heads++) {
            probability += binomial(k, heads) / Math.pow(2, k);
        }
        return probability;
    }

    private static double binomial(int n, int k) {
        double value = 1;
        for (int i = 1; i <= k; i++) {
            value = value * (n - k + i) / i;
        }
        return value;
    }

    private static MonteCarloForecast only(WeeklySeries series, Measure measure) {
        return only(series, measure, SETTINGS);
    }

    private static MonteCarloForecast only(WeeklySeries series, Measure measure, MonteCarloSettings settings) {
        return MonteCarloForecaster.forecast("alp", AS_OF, List.of(series), settings).stream()
                .filter(forecast -> forecast.category().equals(series.category()) && forecast.measure() == measure)
                .findFirst().orElseThrow();
    }

    /**
     * {@code weeks} + 1 weekly dates from {@link #FIRST_WEEK}: the total starts at {@code total} and grows by
     * {@code growth} a week, the resolved work starts at {@code resolved} and grows by {@code throughput}; points and
     * count alike.
     */
    private static WeeklySeries series(String category, long total, long resolved, long throughput, long growth,
                                       int weeks) {
        List<long[]> totals = new ArrayList<>();
        for (int week = 0; week <= weeks; week++) {
            totals.add(new long[] {total + growth * week, resolved + throughput * week});
        }
        return fromTotals(category, totals);
    }

    /** 12 weeks of a constant total, in which 1 is resolved every other week: throughput 0 or 1, 6 resolved. */
    private static WeeklySeries coinFlips(long total) {
        List<long[]> weeks = new ArrayList<>();
        long resolved = 0;
        for (int week = 0; week <= 12; week++) {
            resolved += week > 0 && week % 2 == 0 ? 1 : 0;
            weeks.add(new long[] {total, resolved});
        }
        return fromTotals("Coin flips", weeks);
    }

    private static WeeklySeries fromTotals(String category, List<long[]> totalsAndResolved) {
        List<WeeklySeries.Week> weeks = new ArrayList<>();
        for (int i = 0; i < totalsAndResolved.size(); i++) {
            long[] week = totalsAndResolved.get(i);
            weeks.add(new WeeklySeries.Week(FIRST_WEEK.plusWeeks(i), week[0], week[0], week[1], week[1]));
        }
        return new WeeklySeries(category, weeks);
    }
}
