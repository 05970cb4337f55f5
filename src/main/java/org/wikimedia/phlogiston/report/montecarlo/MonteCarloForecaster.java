package org.wikimedia.phlogiston.report.montecarlo;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.wikimedia.phlogiston.report.forecast.Measure;
import org.wikimedia.phlogiston.report.forecast.WeeklySeries;
import org.wikimedia.phlogiston.report.forecast.WeeklySeries.Week;
import org.wikimedia.phlogiston.scope.MonteCarloSettings;

/** The Monte Carlo forecasts of a scope: of each current category and of the whole scope, by points and by count. */
public final class MonteCarloForecaster {

    /** The category of the whole scope's row. */
    public static final String WHOLE_SCOPE = "(all)";

    private MonteCarloForecaster() {
    }

    /**
     * The forecasts of the categories whose latest week is the scope's latest (the 3-point forecast's current
     * ones), in the order given, then of the whole scope (all the categories' weeks summed), each by points then by
     * count.
     */
    public static List<MonteCarloForecast> forecast(String scope, LocalDate asOf, List<WeeklySeries> categories,
                                                    MonteCarloSettings settings) {
        LocalDate latest = categories.stream().map(series -> series.weeks().get(series.weeks().size() - 1).date())
                .max(Comparator.naturalOrder()).orElse(null);
        if (latest == null) {
            return List.of();
        }
        List<WeeklySeries> simulated = new ArrayList<>();
        for (WeeklySeries series : categories) {
            if (series.weeks().get(series.weeks().size() - 1).date().equals(latest)) {
                simulated.add(series);
            }
        }
        simulated.add(wholeScope(categories));
        LocalDate targetDate = settings.targetDate(asOf);
        // whole weeks from the latest week date to the target date
        int targetWeeks = (int) Math.max(ChronoUnit.DAYS.between(latest, targetDate) / 7, 0);
        int fanWeeks = Math.min(Math.max(targetWeeks, MonteCarloForecast.FAN_MIN_WEEKS), settings.horizonWeeks());
        List<MonteCarloForecast> forecasts = new ArrayList<>();
        for (WeeklySeries series : simulated) {
            for (Measure measure : Measure.values()) {
                SamplingWindow window = SamplingWindow.of(series, measure, settings.windowWeeks());
                Simulation simulation = Simulation.run(window, settings.trials(), settings.horizonWeeks(), fanWeeks,
                        targetWeeks, Seeds.of(scope, series.category(), measure, asOf));
                forecasts.add(new MonteCarloForecast(series.category(), measure, window, settings.horizonWeeks(),
                        targetDate, simulation));
            }
        }
        return forecasts;
    }

    /** The categories' weeks summed by date. */
    static WeeklySeries wholeScope(List<WeeklySeries> categories) {
        Map<LocalDate, Week> sums = new TreeMap<>();
        for (WeeklySeries series : categories) {
            for (Week week : series.weeks()) {
                sums.merge(week.date(), week, (a, b) -> new Week(a.date(), a.pointsTotal() + b.pointsTotal(),
                        a.countTotal() + b.countTotal(), a.pointsResolved() + b.pointsResolved(),
                        a.countResolved() + b.countResolved()));
            }
        }
        return new WeeklySeries(WHOLE_SCOPE, List.copyOf(sums.values()));
    }
}
