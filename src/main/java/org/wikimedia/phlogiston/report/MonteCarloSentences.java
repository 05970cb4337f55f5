package org.wikimedia.phlogiston.report;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.wikimedia.phlogiston.report.forecast.Measure;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecast;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecaster;

/**
 * The Monte Carlo forecasts in plain words, one line per category (and the whole scope): "Interrupt: 50% by
 * 3 May 2019, 85% by 12 July 2019, 95% by 30 August 2019"; "Mobile: 40% chance to finish within two years".
 */
public final class MonteCarloSentences {

    /** A category's line: its name and what the forecasts of the measures shown say. */
    public record Line(String category, String forecast) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
    private static final String[] NUMBERS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten"};
    private static final int WEEKS_PER_YEAR = 52;

    private MonteCarloSentences() {
    }

    /**
     * One line per category in the forecasts' order, the whole scope named "All categories"; the measures shown by
     * the scope's settings only, each named when both are.
     */
    static List<Line> lines(List<MonteCarloForecast> forecasts, boolean showPoints, boolean showCount) {
        Map<String, List<String>> byCategory = new LinkedHashMap<>();
        for (MonteCarloForecast forecast : forecasts) {
            if (shown(forecast, showPoints, showCount)) {
                String measure = showPoints && showCount ? "by " + forecast.measure().fileName() + ", " : "";
                byCategory.computeIfAbsent(forecast.category(), category -> new ArrayList<>())
                        .add(measure + sentence(forecast));
            }
        }
        List<Line> lines = new ArrayList<>();
        byCategory.forEach((category, sentences) -> lines.add(new Line(categoryName(category),
                String.join("; ", sentences))));
        return lines;
    }

    /** Whether the scope's settings show the forecast's measure. */
    static boolean shown(MonteCarloForecast forecast, boolean showPoints, boolean showCount) {
        return forecast.measure() == Measure.POINTS ? showPoints : showCount;
    }

    /** The category as the pages name it: the whole scope is "All categories". */
    static String categoryName(String category) {
        return category.equals(MonteCarloForecaster.WHOLE_SCOPE) ? "All categories" : category;
    }

    /** The dates that enough trials reached, then the chance to finish within the horizon when some date is missing. */
    static String sentence(MonteCarloForecast forecast) {
        if (forecast.window().open() <= 0) {
            return "nothing open";
        }
        List<String> parts = new ArrayList<>();
        for (int percent : MonteCarloForecast.PERCENTS) {
            LocalDate date = forecast.finishedBy(percent);
            if (date != null) {
                parts.add(percent + "% by " + DAY.format(date));
            }
        }
        if (parts.size() < MonteCarloForecast.PERCENTS.length) {
            parts.add(chance(forecast) + " chance to finish within " + duration(forecast.horizonWeeks()));
        }
        return String.join(", ", parts);
    }

    /** Rounded down, so that a share short of a percentile never reads as reaching it. */
    private static String chance(MonteCarloForecast forecast) {
        int finished = forecast.simulation().finished();
        long percent = 100L * finished / forecast.simulation().trials();
        return finished > 0 && percent == 0 ? "less than 1%" : percent + "%";
    }

    /** The horizon in words: "two years", "a week", "10 weeks". */
    static String duration(int weeks) {
        if (weeks % WEEKS_PER_YEAR != 0) {
            return weeks == 1 ? "a week" : weeks + " weeks";
        }
        int years = weeks / WEEKS_PER_YEAR;
        return years == 1 ? "a year" : (years < NUMBERS.length ? NUMBERS[years] : Integer.toString(years)) + " years";
    }
}
