package org.wikimedia.phlogiston.report.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.wikimedia.phlogiston.ReferenceRun;

/**
 * The original's velocity table and forecast table of the three reference scopes, recomputed from the velocity
 * table's own weekly totals and compared cell by cell. A cell may differ only where a Fix explains it; the test
 * counts the cells (or table rows) each Fix explains and fails on any other difference.
 * <p>
 * P10 (proposed): where the original had no value for a total (nothing resolved yet, or no task pointed), we have
 * 0. That differs from the original in a cell that depends on such a week: the week itself, its 3-month window, or
 * the week before the window (the baseline of the window's first gain).
 */
class VelocityParityTest {

    private static final String P10 = "P10 nothing resolved is 0 resolved";
    private static final String P5 = "P5 one title = one category";
    private static final List<String> MEASURES = List.of("points", "count");

    private static final Map<String, Map<String, Integer>> VELOCITY_CELLS_PER_FIX = Map.of(
            "alp", Map.of(P10, 900),
            "bet", Map.of(P10, 1174),
            "gam", Map.of(P10, 62));
    private static final Map<String, Integer> VELOCITY_CELLS_EQUAL = Map.of("alp", 15_732, "bet", 10_642, "gam", 4_978);
    private static final Map<String, Integer> TABLE_ROWS_EQUAL = Map.of("alp", 7, "bet", 5, "gam", 5);
    private static final Map<String, Map<String, Integer>> TABLE_ROWS_PER_FIX = Map.of(
            "alp", Map.of(P10, 2),
            "bet", Map.of(P10, 2),
            "gam", Map.of(P5, 1));

    @ParameterizedTest
    @ValueSource(strings = {"alp", "bet", "gam"})
    void velocityTableEqualsTheOriginalsButWhereAFixSaysOtherwise(String scope) {
        OriginalVelocity reference = new OriginalVelocity(scope);
        Differences differences = new Differences();

        for (WeeklySeries series : reference.series) {
            List<CSVRecord> expected = reference.weekRows.get(series.category());
            List<WeeklyForecast> ours = ForecastCalculator.weeklyForecasts(series);
            for (int i = 0; i < ours.size(); i++) {
                for (String column : reference.weekColumns) {
                    differences.compare(expected.get(i), column, valueOf(ours.get(i), column),
                            reference.originalLackedAValue(series.category(), i, measureOf(column)));
                }
            }
        }

        List<WeeklyForecast> current = ForecastCalculator.currentForecasts(ForecastCalculator.weeklyForecasts(reference.series));
        assertThat(current).extracting(WeeklyForecast::category)
                .containsExactlyElementsOf(reference.projectionRows.keySet());
        for (WeeklyForecast latest : current) {
            List<CSVRecord> expected = reference.projectionRows.get(latest.category());
            List<ProjectionPoint> ours = ForecastCalculator.projection(latest);
            assertThat(ours).extracting(ProjectionPoint::date).containsExactlyElementsOf(
                    expected.stream().map(VelocityParityTest::date).toList());
            int latestWeek = reference.weekRows.get(latest.category()).size() - 1;
            for (int i = 0; i < ours.size(); i++) {
                for (String column : reference.projectionColumns) {
                    differences.compare(expected.get(i), column, valueOf(ours.get(i), column),
                            reference.originalLackedAValue(latest.category(), latestWeek, measureOf(column)));
                }
            }
        }

        System.out.printf("%s velocity: %d cells equal the original's; cells explained per Fix: %s%n",
                scope, differences.same, differences.perFix);
        assertThat(differences.unexplained).as("cells no Fix explains").isEmpty();
        assertThat(differences.perFix).isEqualTo(VELOCITY_CELLS_PER_FIX.get(scope));
        assertThat(differences.same).as("cells equal").isEqualTo(VELOCITY_CELLS_EQUAL.get(scope));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alp", "bet", "gam"})
    void forecastTableEqualsTheOriginalsButWhereAFixSaysOtherwise(String scope) {
        OriginalVelocity reference = new OriginalVelocity(scope);
        Map<String, Integer> rowsPerFix = new TreeMap<>();
        Map<String, CSVRecord> expected = new LinkedHashMap<>();
        for (CSVRecord row : ReferenceRun.csv("expected/" + scope + "/queries/get_forecast_weeks.csv")) {
            if (expected.putIfAbsent(row.get("category"), row) != null) {
                rowsPerFix.merge(P5, 1, Integer::sum);
            }
        }

        List<ForecastTableRow> ours = ForecastCalculator.forecastTable(
                ForecastCalculator.currentForecasts(ForecastCalculator.weeklyForecasts(reference.series)));

        assertThat(ours).extracting(ForecastTableRow::category).containsExactlyElementsOf(expected.keySet());
        List<String> unexplained = new ArrayList<>();
        int sameRows = 0;
        for (ForecastTableRow row : ours) {
            CSVRecord original = expected.get(row.category());
            List<Integer> weeks = Arrays.asList(row.pesPoints(), row.nomPoints(), row.optPoints(),
                    row.pesCount(), row.nomCount(), row.optCount());
            List<String> originalWeeks = List.of(original.get("pp"), original.get("np"), original.get("op"),
                    original.get("pc"), original.get("nc"), original.get("oc"));
            boolean same = true;
            boolean explained = true;
            for (int i = 0; i < weeks.size(); i++) {
                if (!sameValue(originalWeeks.get(i), weeks.get(i))) {
                    same = false;
                    int latestWeek = reference.weekRows.get(row.category()).size() - 1;
                    explained &= reference.originalLackedAValue(row.category(), latestWeek, MEASURES.get(i / 3));
                }
            }
            if (same) {
                sameRows++;
            } else if (explained) {
                rowsPerFix.merge(P10, 1, Integer::sum);
            } else {
                unexplained.add(row + " original " + originalWeeks);
            }
        }

        System.out.printf("%s forecast table: %d rows equal the original's; rows explained per Fix: %s%n", scope,
                sameRows, rowsPerFix);
        assertThat(unexplained).as("rows no Fix explains").isEmpty();
        assertThat(sameRows).as("rows equal").isEqualTo(TABLE_ROWS_EQUAL.get(scope));
        assertThat(rowsPerFix).isEqualTo(TABLE_ROWS_PER_FIX.get(scope));
    }

    private static final class Differences {

        int same;
        final Map<String, Integer> perFix = new TreeMap<>();
        final List<String> unexplained = new ArrayList<>();

        void compare(CSVRecord expected, String column, Object ours, boolean explainedByP10) {
            String original = expected.get(column);
            if (sameValue(original, ours)) {
                same++;
            } else if (explainedByP10) {
                perFix.merge(P10, 1, Integer::sum);
            } else {
                unexplained.add(expected.get("category") + " " + expected.get("date") + " " + column
                        + ": original " + original + ", ours " + ours);
            }
        }
    }

    /** Blank is no value; dates are written with or without a time of day; numbers are doubles, compared exactly. */
    private static boolean sameValue(String original, Object ours) {
        if (ours == null || original.isEmpty()) {
            return ours == null && original.isEmpty();
        }
        if (ours instanceof LocalDate day) {
            return original.equals(day.toString()) || original.equals(day + " 00:00:00");
        }
        return Double.parseDouble(original) == ((Number) ours).doubleValue();
    }

    /** The measure a column is of, e.g. "points" for opt_points_vel; null for week, month, quarter. */
    private static String measureOf(String column) {
        return MEASURES.stream().filter(List.of(column.split("_"))::contains).findFirst().orElse(null);
    }

    /**
     * A column's value in one of our rows: {@code opt_points_vel} is {@code points().optVel()},
     * {@code delta_count_resolved} is {@code count().deltaResolved()}, {@code week} is {@code week()}.
     */
    private static Object valueOf(Object row, String column) {
        List<String> words = new ArrayList<>(List.of(column.split("_")));
        String measure = measureOf(column);
        Object holder = row;
        if (measure != null) {
            words.remove(measure);
            holder = call(row, measure);
        }
        StringBuilder accessor = new StringBuilder(words.get(0));
        words.subList(1, words.size()).forEach(word ->
                accessor.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1)));
        return call(holder, accessor.toString());
    }

    private static Object call(Object target, String accessor) {
        try {
            return target.getClass().getMethod(accessor).invoke(target);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError("no accessor " + accessor + " on " + target.getClass().getSimpleName(), e);
        }
    }

    private static LocalDate date(CSVRecord row) {
        return LocalDate.parse(row.get("date").substring(0, 10));
    }
}
