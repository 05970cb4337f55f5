package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import org.wikimedia.phlogiston.ReferenceRun;
import org.wikimedia.phlogiston.report.forecast.OriginalVelocity;

/**
 * The report stage against the original's: fed with the original's history of each reference scope (so that the
 * reconstruction Fixes do not get in the way), our data files must hold the rows of the original's, but where a
 * named Fix says otherwise; the test counts the rows each Fix explains and fails on any other difference. The
 * original's files were written with their lines sorted, so rows are compared as sets.
 */
class ReportDataParityTest extends OriginalHistoryReportTest {

    private static final String P3 = "P3 this scope's tasks only";
    private static final String P4 = "P4 burnup.csv without hidden categories";
    private static final String P5 = "P5 one title = one category";
    private static final String P9 = "P9 maintenance weeks back from the latest data";
    private static final String P10 = "P10 nothing resolved is 0 resolved";
    private static final Map<String, Map<String, Integer>> ROWS_PER_FIX = Map.of(
            "alp", Map.of(P4, 412, P9, 76, P10, 390),
            "bet", Map.of(P4, 428, P9, 76, P10, 734),
            "gam", Map.of(P3, 17, P5, 4188, P9, 72, P10, 50));
    private static final Map<String, Integer> DATA_ROWS_EQUAL = Map.of("alp", 15_370, "bet", 12_079, "gam", 5_374);
    /** The original's rows of get_forecast_weeks.csv that equal ours, and per Fix the rows only one side has. */
    private static final Map<String, Integer> FORECAST_WEEKS_EQUAL = Map.of("alp", 7, "bet", 5, "gam", 5);
    private static final Map<String, Map<String, Integer>> FORECAST_WEEKS_PER_FIX = Map.of(
            "alp", Map.of(P10, 4), "bet", Map.of(P10, 4), "gam", Map.of(P5, 1));

    @Autowired
    DataFiles dataFiles;

    @TempDir
    Path output;

    private ScopeReport reportWithDataFiles(String scope, Path dataDir) {
        ScopeReport report = reportOnTheOriginalsHistory(scope);
        dataFiles.write(report, AS_OF, dataDir);
        return report;
    }

    @ParameterizedTest
    @ValueSource(strings = {"alp", "bet", "gam"})
    void dataFilesHoldTheOriginalsRowsButWhereAFixSaysOtherwise(String scope) throws IOException {
        Path dataDir = output.resolve(scope);
        ScopeReport report = reportWithDataFiles(scope, dataDir);
        Fixes fixes = new Fixes(scope, report, dataDir);
        Path expectedDir = ReferenceRun.DIR.resolve("expected/" + scope + "/data");
        Map<String, Integer> rowsPerFix = new TreeMap<>();
        List<String> unexplained = new ArrayList<>();
        int same = 0;
        try (var expectedFiles = Files.list(expectedDir)) {
            for (Path expectedFile : expectedFiles.sorted().toList()) {
                String name = expectedFile.getFileName().toString();
                List<String> expected = Files.readAllLines(expectedFile);
                List<String> ours = Files.readAllLines(dataDir.resolve(name));
                if (name.endsWith(".csv") && !name.startsWith("maintenance_fraction_total")) {
                    assertThat(ours.get(0)).as(name + " header").isEqualTo(expected.get(0));
                }
                List<String> onlyOriginal = new ArrayList<>(expected);
                ours.forEach(onlyOriginal::remove);
                List<String> onlyOurs = new ArrayList<>(ours);
                expected.forEach(onlyOurs::remove);
                same += expected.size() - onlyOriginal.size();
                for (List<String> rows : List.of(onlyOriginal, onlyOurs)) {
                    for (String row : rows) {
                        String fix = fixes.explain(name, expected.get(0), row);
                        if (fix == null) {
                            unexplained.add(name + (rows == onlyOurs ? " ours: " : " original: ") + row);
                        } else {
                            rowsPerFix.merge(fix, 1, Integer::sum);
                        }
                    }
                }
            }
        }
        System.out.printf("%s data files: %d rows equal the original's; rows explained per Fix: %s%n", scope, same,
                rowsPerFix);
        assertThat(unexplained).as("rows no Fix explains").isEmpty();
        assertThat(same).as("rows equal").isEqualTo(DATA_ROWS_EQUAL.get(scope));
        assertThat(rowsPerFix).isEqualTo(ROWS_PER_FIX.get(scope));
    }

    @Test
    void theMaintenanceChartCountsEachTaskOnceWhereTheDataFileAddsUpTheThreeRanges() throws IOException {
        // gam has no backlog_resolved_cutoff: its three ranges are equal, so the file holds three times the chart's.
        Path dataDir = output.resolve("gam-maintenance");
        ScopeReport report = reportWithDataFiles("gam", dataDir);
        List<String> tripled = report.maintenance().stream()
                .map(week -> String.join(",", "gam", week.date() + " 00:00:00",
                        maintType(week.maintType()), times3(week.count()), times3(week.points())))
                .toList();
        assertThat(report.maintenance()).anyMatch(week -> week.count() != null && week.count() > 0);
        List<String> file = Files.readAllLines(dataDir.resolve("maintenance_proportion.csv"));
        assertThat(file.subList(1, file.size())).containsExactlyElementsOf(tripled);
    }

    /** As COPY writes it: an empty string quoted, NULL as nothing. */
    private static String maintType(String type) {
        return type == null ? "" : type.isEmpty() ? "\"\"" : type;
    }

    private static String times3(Long value) {
        return value == null ? "" : Long.toString(3 * value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alp", "bet", "gam"})
    void forecastWeeksAreTheOriginalsButWhereAFixSaysOtherwise(String scope) {
        ScopeReport report = reportWithDataFiles(scope, output.resolve(scope));
        OriginalVelocity velocity = new OriginalVelocity(scope);
        List<String> ours = report.forecastTable().stream()
                .map(row -> String.join(",", row.category(), text(row.pesPoints()), text(row.nomPoints()),
                        text(row.optPoints()), text(row.pesCount()), text(row.nomCount()), text(row.optCount())))
                .toList();
        List<String> original = ReferenceRun.csv("expected/" + scope + "/queries/get_forecast_weeks.csv").stream()
                .map(row -> String.join(",", row.values()))
                .toList();
        Map<String, Integer> rowsPerFix = new TreeMap<>();
        List<String> unexplained = new ArrayList<>();
        List<String> onlyOriginal = new ArrayList<>(original);
        ours.forEach(onlyOriginal::remove);
        List<String> onlyOurs = new ArrayList<>(ours);
        original.forEach(onlyOurs::remove);
        for (String row : onlyOriginal) {
            String category = row.substring(0, row.indexOf(','));
            if (ours.stream().anyMatch(line -> line.equals(row)) || original.indexOf(row) != original.lastIndexOf(row)) {
                rowsPerFix.merge(P5, 1, Integer::sum);
            } else if (velocity.lackedAValueFor(category, latestWeek(velocity, category))) {
                rowsPerFix.merge(P10, 1, Integer::sum);
            } else {
                unexplained.add("original: " + row);
            }
        }
        for (String row : onlyOurs) {
            String category = row.substring(0, row.indexOf(','));
            if (velocity.lackedAValueFor(category, latestWeek(velocity, category))) {
                rowsPerFix.merge(P10, 1, Integer::sum);
            } else {
                unexplained.add("ours: " + row);
            }
        }
        System.out.printf("%s forecast weeks: %d rows equal the original's; rows explained per Fix: %s%n", scope,
                original.size() - onlyOriginal.size(), rowsPerFix);
        assertThat(unexplained).as("rows no Fix explains").isEmpty();
        assertThat(original.size() - onlyOriginal.size()).as("rows equal").isEqualTo(FORECAST_WEEKS_EQUAL.get(scope));
        assertThat(rowsPerFix).isEqualTo(FORECAST_WEEKS_PER_FIX.get(scope));
    }

    private static String text(Integer weeks) {
        return weeks == null ? "" : weeks.toString();
    }

    private static LocalDate latestWeek(OriginalVelocity velocity, String category) {
        List<CSVRecord> weeks = velocity.weekRows.get(category);
        return LocalDate.parse(weeks.get(weeks.size() - 1).get("date").substring(0, 10));
    }

    /**
     * Which named Fix explains a row that is only in the original's file or only in ours. Each rule reads the
     * original's own tables (velocity.csv, category.csv, task_on_date.csv) to tell which rows the Fix touches.
     */
    private static final class Fixes {

        private final OriginalVelocity velocity;
        private final Set<String> hiddenCategories = new HashSet<>();
        /** Fix P5: titles of more than one rule, with the first rule's place. */
        private final Map<String, Integer> repeatedTitles = new HashMap<>();
        /** The days on which a repeated title has work in our files. */
        private final Set<String> repeatedTitleDays = new HashSet<>();
        /** Fix P4: per day, the resolved points and count of the hidden categories (our burnup_categories.csv). */
        private final Map<String, String[]> hiddenResolved = new HashMap<>();
        /** Fix P4: the rows of burnup.csv, ours and the original's, by day. */
        private final Map<String, String> ourBurnup = new HashMap<>();
        private final Map<String, String> originalBurnup = new HashMap<>();
        private final boolean histogramCountsOtherScopes;
        /** Fix P9: the week dates of the maintenance files, ours and the original's. */
        private final TreeSet<String> ourMaintenanceWeeks;
        private final TreeSet<String> originalMaintenanceWeeks;

        Fixes(String scope, ScopeReport report, Path dataDir) throws IOException {
            velocity = new OriginalVelocity(scope);
            report.categories().stream().filter(ScopeReport.Category::hidden)
                    .forEach(category -> hiddenCategories.add(category.title()));
            Map<String, Integer> rulesPerTitle = new HashMap<>();
            for (CSVRecord rule : ReferenceRun.csv("expected/" + scope + "/category.csv")) {
                rulesPerTitle.merge(rule.get("title"), 1, Integer::sum);
                repeatedTitles.putIfAbsent(rule.get("title"), Integer.parseInt(rule.get("sort_order")));
            }
            repeatedTitles.keySet().removeIf(title -> rulesPerTitle.get(title) == 1);
            for (String line : Files.readAllLines(dataDir.resolve("backlog.csv"))) {
                String[] cells = line.split(",");
                if (repeatedTitles.containsKey(cells[1])) {
                    repeatedTitleDays.add(cells[0]);
                }
            }
            for (String line : Files.readAllLines(dataDir.resolve("burnup_categories.csv"))) {
                String[] cells = line.split(",", -1);
                if (hiddenCategories.contains(cells[1])) {
                    hiddenResolved.merge(cells[0], new String[] {cells[2], cells[3]},
                            (sum, more) -> new String[] {plus(sum[0], more[0]), plus(sum[1], more[1])});
                }
            }
            Files.readAllLines(dataDir.resolve("burnup.csv")).forEach(line -> ourBurnup.put(line.split(",")[0], line));
            Files.readAllLines(ReferenceRun.DIR.resolve("expected/" + scope + "/data/burnup.csv"))
                    .forEach(line -> originalBurnup.put(line.split(",")[0], line));
            ourMaintenanceWeeks = maintenanceWeeks(dataDir);
            originalMaintenanceWeeks = maintenanceWeeks(ReferenceRun.DIR.resolve("expected/" + scope + "/data"));
            List<String> originalHistogram = Files.readAllLines(
                    ReferenceRun.DIR.resolve("expected/" + scope + "/data/points_histogram.csv"));
            histogramCountsOtherScopes = Set.copyOf(originalHistogramWithOtherScopes(scope))
                    .equals(Set.copyOf(originalHistogram.subList(1, originalHistogram.size())));
        }

        String explain(String file, String header, String line) {
            Map<String, String> row = row(header, line);
            String category = row.get("category");
            String date = row.getOrDefault("date", "");
            if (file.startsWith("maintenance_") && weeksDifferAt(date)) {
                return P9;
            }
            if (file.equals("points_histogram.csv") && histogramCountsOtherScopes) {
                return P3;
            }
            if (category != null && repeatedTitles.containsKey(category)
                    || file.startsWith("burn") && repeatedTitleDays.contains(date) && (category == null
                    || repeatedTitles.values().stream().anyMatch(order -> Integer.parseInt(row.get("sort_order")) > order))
                    || file.equals("forecast_done.csv") && repeatedTitles.containsKey(row.get("category"))) {
                return P5;
            }
            if (file.equals("burnup.csv") && burnupDiffersByTheHiddenCategories(date)) {
                return P4;
            }
            if ((file.startsWith("forecast") || file.startsWith("tranche_velocity")) && category != null
                    && velocity.lackedAValueFor(category, weekOf(category, date))) {
                return P10;
            }
            if (file.startsWith("recently_closed") && category != null
                    && velocity.lackedAValueInPeriod(category, file.substring("recently_closed_".length(),
                            file.length() - ".csv".length()), date)) {
                return P10;
            }
            return null;
        }

        /**
         * Whether the week dates of the original's maintenance files and ours differ at the date or at the week before
         * it (the base of its growth); a row without a date (the totals) depends on all weeks.
         */
        private boolean weeksDifferAt(String date) {
            if (date.isEmpty()) {
                return !ourMaintenanceWeeks.equals(originalMaintenanceWeeks);
            }
            return !ourMaintenanceWeeks.contains(date) || !originalMaintenanceWeeks.contains(date)
                    || !Objects.equals(ourMaintenanceWeeks.lower(date), originalMaintenanceWeeks.lower(date));
        }

        private static TreeSet<String> maintenanceWeeks(Path dataDir) throws IOException {
            TreeSet<String> weeks = new TreeSet<>();
            for (String line : Files.readAllLines(dataDir.resolve("maintenance_proportion.csv"))) {
                weeks.add(line.split(",")[1]);
            }
            weeks.remove("date");
            return weeks;
        }

        /** Whether on the day the original's burnup.csv row is ours plus the hidden categories' resolved work. */
        private boolean burnupDiffersByTheHiddenCategories(String date) {
            String[] hidden = hiddenResolved.get(date);
            String ours = ourBurnup.get(date);
            String original = originalBurnup.get(date);
            if (hidden == null || ours == null || original == null) {
                return false;
            }
            String[] our = ours.split(",", -1);
            return original.equals(date + "," + plus(our[1], hidden[0]) + "," + plus(our[2], hidden[1]));
        }

        /** Two sums as SQL adds them up: nothing (NULL) only when both are nothing. */
        private static String plus(String a, String b) {
            if (a.isEmpty() && b.isEmpty()) {
                return "";
            }
            return Long.toString((a.isEmpty() ? 0 : Long.parseLong(a)) + (b.isEmpty() ? 0 : Long.parseLong(b)));
        }

        /** The week a row's date belongs to: its own, or for a projection row the category's latest week. */
        private LocalDate weekOf(String category, String date) {
            LocalDate day = LocalDate.parse(date.substring(0, 10));
            List<CSVRecord> weeks = velocity.weekRows.getOrDefault(category, List.of());
            LocalDate latest = weeks.isEmpty() ? day : LocalDate.parse(weeks.get(weeks.size() - 1).get("date").substring(0, 10));
            return day.isAfter(latest) ? latest : day;
        }

        private static Map<String, String> row(String header, String line) {
            try {
                CSVRecord cells = CSVFormat.DEFAULT.parse(new StringReader(line)).getRecords().get(0);
                String[] names = header.split(",");
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < names.length && i < cells.size(); i++) {
                    row.put(names[i], cells.get(i));
                }
                return row;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The original's histogram query as it ran: the scope's tasks resolved on its last day, counted in every
         * scope's history (the three reference scopes') that has them that day.
         */
        private static List<String> originalHistogramWithOtherScopes(String scope) {
            List<CSVRecord> own = ReferenceRun.csv("expected/" + scope + "/task_on_date.csv");
            String lastDay = own.stream().map(row -> row.get("date")).max(String::compareTo).orElseThrow();
            Set<String> tasks = new HashSet<>();
            own.forEach(row -> tasks.add(row.get("id")));
            Map<List<String>, Integer> counts = new HashMap<>();
            for (String any : List.of("alp", "bet", "gam")) {
                for (CSVRecord row : ReferenceRun.csv("expected/" + any + "/task_on_date.csv")) {
                    if (row.get("date").equals(lastDay) && tasks.contains(row.get("id"))
                            && row.get("status").equals("resolved")) {
                        counts.merge(List.of(row.get("points"), row.get("priority")),
                                row.get("points").isEmpty() ? 0 : 1, Integer::sum);
                    }
                }
            }
            return counts.entrySet().stream()
                    .map(entry -> entry.getValue() + "," + entry.getKey().get(0) + "," + entry.getKey().get(1))
                    .toList();
        }
    }
}
