package org.wikimedia.phlogiston.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.report.ScopeReport.Category;
import org.wikimedia.phlogiston.report.ScopeReport.DayTotals;
import org.wikimedia.phlogiston.report.forecast.MeasureForecast;
import org.wikimedia.phlogiston.report.forecast.WeeklyForecast;

/**
 * The chart data of a report as CSV files under the original's names and columns, so that readers' and
 * operators' scripts keep working. Hidden categories are left out of the burnup files (Fix P4) and only the
 * {@code _showhidden} variants count them.
 */
@Component
public class DataFiles {

    /** Dates as the original's COPY of a timestamp printed them. */
    private static final String TIMESTAMP_SUFFIX = " 00:00:00";
    private static final int WEEKS_OLD_SCALE = 16;
    /** The original's COPY wrote SQL nulls of tab-separated files so. */
    private static final String TSV_NULL = "\\N";
    /** forecast.csv's growviz and velviz columns: pessimistic, nominal, optimistic, in points and in count. */
    private static final int PROJECTION_COLUMNS = 12;
    private static final String[] STACKED_HEADER =
            {"date", "category", "sort_order", "points", "count", "label_points", "label_count"};

    /** Writes every data file of the report into {@code dataDir} (created if missing), replacing older ones. */
    public void write(ScopeReport report, Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            List<Category> shown = report.categories().stream().filter(category -> !category.hidden()).toList();
            writeBurnup(report, shown, dataDir);
            writeBurnupTotals(report, report.categories(), dataDir.resolve("burnup_showhidden.csv"));
            writeBurnStacks(report, shown, dataDir, "");
            writeBurnStacks(report, report.categories(), dataDir, "_showhidden");
            writeBacklog(report, dataDir);
            writeForecasts(report, dataDir);
            for (ChartPeriod period : ChartPeriod.values()) {
                writeCompletedWork(report, period, dataDir.resolve(period.dataFile()));
            }
            writeMaintenance(report, dataDir);
            writePointsHistogram(report, dataDir);
            writeCategoryPossibilities(report, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the data files of " + report.scope() + " to " + dataDir, e);
        }
    }

    /** Resolved work of the shown categories: in all per day, and per day and category where there is some. */
    private static void writeBurnup(ScopeReport report, List<Category> shown, Path dataDir) throws IOException {
        List<String> shownTitles = shown.stream().map(Category::title).toList();
        List<DayTotals> shownDays = report.burnup().stream().filter(day -> shownTitles.contains(day.category())).toList();
        writeBurnupTotals(report, shown, dataDir.resolve("burnup.csv"));
        try (CSVPrinter csv = csv(dataDir.resolve("burnup_categories.csv"), "date", "category", "points", "count")) {
            for (DayTotals day : shownDays) {
                if (day.resolvedCount() > 0) {
                    csv.printRecord(timestamp(day.date()), day.category(), day.resolvedPoints(), day.resolvedCount());
                }
            }
        }
    }

    /** Resolved work of the categories in all per day. */
    private static void writeBurnupTotals(ScopeReport report, List<Category> categories, Path file) throws IOException {
        List<String> titles = categories.stream().map(Category::title).toList();
        Map<LocalDate, List<DayTotals>> byDate = report.burnup().stream()
                .filter(day -> titles.contains(day.category()))
                .collect(Collectors.groupingBy(DayTotals::date, TreeMap::new, Collectors.toList()));
        try (CSVPrinter csv = csv(file, "date", "points", "count")) {
            for (Map.Entry<LocalDate, List<DayTotals>> day : byDate.entrySet()) {
                csv.printRecord(timestamp(day.getKey()),
                        day.getValue().stream().mapToLong(DayTotals::resolvedPoints).sum(),
                        day.getValue().stream().mapToLong(DayTotals::resolvedCount).sum());
            }
        }
    }

    /**
     * The burnup charts' bands of the categories: {@code burn_open<variant>.csv}, {@code burn_done<variant>.csv} and
     * {@code burn_done<variant>_lastq.csv}.
     */
    private static void writeBurnStacks(ScopeReport report, List<Category> categories, Path dataDir, String variant)
            throws IOException {
        writeStacked(dataDir.resolve("burn_open" + variant + ".csv"), report.burnup(), categories,
                day -> day.openCount() > 0, DayTotals::openPoints, DayTotals::openCount);
        writeStacked(dataDir.resolve("burn_done" + variant + ".csv"), report.burnup(), categories,
                day -> day.resolvedCount() > 0, DayTotals::resolvedPoints, DayTotals::resolvedCount);
        writeStacked(dataDir.resolve("burn_done" + variant + "_lastq.csv"), report.burnupLastQuarter(), categories,
                day -> day.resolvedCount() > 0, DayTotals::resolvedPoints, DayTotals::resolvedCount);
    }

    /**
     * One band of a stacked chart per category: its work and, as labels, the top of its band (its work and that of
     * the categories before it in rule order that day).
     */
    private static void writeStacked(Path file, List<DayTotals> days, List<Category> shown, Predicate<DayTotals> hasWork,
                                     Function<DayTotals, Long> points, Function<DayTotals, Long> count) throws IOException {
        Map<String, Integer> orderByTitle = shown.stream().collect(Collectors.toMap(Category::title, Category::order));
        Map<LocalDate, List<DayTotals>> byDate = days.stream()
                .filter(day -> orderByTitle.containsKey(day.category()) && hasWork.test(day))
                .collect(Collectors.groupingBy(DayTotals::date, TreeMap::new, Collectors.toList()));
        try (CSVPrinter csv = csv(file, STACKED_HEADER)) {
            for (List<DayTotals> date : byDate.values()) {
                long pointsBelow = 0;
                long countBelow = 0;
                for (DayTotals day : date.stream().sorted(Comparator.comparing(day -> orderByTitle.get(day.category()))).toList()) {
                    pointsBelow += points.apply(day);
                    countBelow += count.apply(day);
                    csv.printRecord(timestamp(day.date()), day.category(), orderByTitle.get(day.category()),
                            points.apply(day), count.apply(day), pointsBelow, countBelow);
                }
            }
        }
    }

    /** All work (open and resolved) per day and category, hidden ones included with their display. */
    private static void writeBacklog(ScopeReport report, Path dataDir) throws IOException {
        Map<String, Category> categories = byTitle(report);
        try (CSVPrinter csv = csv(dataDir.resolve("backlog.csv"), "date", "category", "sort_order", "points", "count", "display")) {
            for (DayTotals day : report.burnup()) {
                Category category = categories.get(day.category());
                csv.printRecord(timestamp(day.date()), day.category(), category.order(),
                        day.openPoints() + day.resolvedPoints(), day.openCount() + day.resolvedCount(), display(category));
            }
        }
    }

    private static void writeForecasts(ScopeReport report, Path dataDir) throws IOException {
        Map<String, Category> categories = byTitle(report);
        try (CSVPrinter forecast = csv(dataDir.resolve("forecast.csv"), "date", "weeks_old", "category", "display",
                "sort_order", "points_resolved", "count_resolved", "opt_points_fore", "nom_points_fore", "pes_points_fore",
                "opt_count_fore", "nom_count_fore", "pes_count_fore", "pes_points_date", "nom_points_date",
                "opt_points_date", "pes_count_date", "nom_count_date", "opt_count_date", "pes_points_growviz",
                "nom_points_growviz", "opt_points_growviz", "pes_count_growviz", "nom_count_growviz",
                "opt_count_growviz", "pes_points_velviz", "nom_points_velviz", "opt_points_velviz",
                "pes_count_velviz", "nom_count_velviz", "opt_count_velviz", "points_pct_complete", "count_pct_complete");
             CSVPrinter velocity = csv(dataDir.resolve("tranche_velocity.csv"), "date", "category", "points", "count");
             CSVPrinter pointsVelocity = csv(dataDir.resolve("tranche_velocity_points.csv"), "date", "category",
                     "opt_points_vel", "nom_points_vel", "pes_points_vel");
             CSVPrinter countVelocity = csv(dataDir.resolve("tranche_velocity_count.csv"), "date", "category",
                     "opt_count_vel", "nom_count_vel", "pes_count_vel")) {
            for (WeeklyForecast week : report.velocity()) {
                Category category = categories.get(week.category());
                MeasureForecast points = week.points();
                MeasureForecast count = week.count();
                List<Object> row = new ArrayList<>(Arrays.asList(timestamp(week.date()),
                        weeksOld(week.date(), report.latestData()), week.category(), display(category), category.order(),
                        points.resolved(), count.resolved(), points.optFore(), points.nomFore(), points.pesFore(),
                        count.optFore(), count.nomFore(), count.pesFore(), timestamp(points.pesDate()),
                        timestamp(points.nomDate()), timestamp(points.optDate()), timestamp(count.pesDate()),
                        timestamp(count.nomDate()), timestamp(count.optDate())));
                // The projection columns belong to the projection lines ahead of the latest week, not to past weeks.
                row.addAll(Collections.nCopies(PROJECTION_COLUMNS, null));
                row.add(percentComplete(points));
                row.add(percentComplete(count));
                forecast.printRecord(row);
                velocity.printRecord(timestamp(week.date()), week.category(), points.deltaResolved(), count.deltaResolved());
                pointsVelocity.printRecord(timestamp(week.date()), week.category(),
                        number(points.optVel()), number(points.nomVel()), number(points.pesVel()));
                countVelocity.printRecord(timestamp(week.date()), week.category(),
                        number(count.optVel()), number(count.nomVel()), number(count.pesVel()));
            }
        }
    }

    /** Work completed per period (dated by its first day) and category: see {@link ChartPeriod#completedWork}. */
    private static void writeCompletedWork(ScopeReport report, ChartPeriod period, Path file) throws IOException {
        try (CSVPrinter csv = csv(file, "date", "sort_order", "category", "points", "count")) {
            for (ChartPeriod.Completed completed : period.completedWork(report.burnup(), report.categories())) {
                csv.printRecord(completed.start(), completed.category().order(), completed.category().title(),
                        completed.points(), completed.count());
            }
        }
    }

    /**
     * The maintenance fraction: work resolved per week and maint_type ({@code maintenance_proportion.csv}, untagged
     * work with an empty type), the weekly fractions ({@code maintenance_fraction.csv}) and the total percentages, a
     * bare number each (empty when undefined).
     */
    private static void writeMaintenance(ScopeReport report, Path dataDir) throws IOException {
        // Written line by line: the original's COPY quoted the empty maint_type of untagged work ("") to tell it
        // from the missing values of the first week, which a CSVPrinter would print alike.
        CSVFormat format = CSVFormat.DEFAULT;
        try (Writer out = writer(dataDir.resolve("maintenance_proportion.csv"))) {
            out.write("scope,date,maint_type,count,points\n");
            for (ScopeReport.MaintenanceWeek week : report.maintenance()) {
                out.write(format.format(report.scope(), timestamp(week.date())) + ","
                        + (week.maintType() == null ? "\"\"" : format.format(week.maintType())) + ","
                        + format.format(week.count(), week.points()) + "\n");
            }
        }
        try (CSVPrinter csv = csv(dataDir.resolve("maintenance_fraction.csv"), "date", "maint_frac_points",
                "maint_frac_count")) {
            for (MaintenanceFraction.Week week : MaintenanceFraction.weekly(report.maintenance())) {
                csv.printRecord(timestamp(week.date()), week.points() == null ? null : number(week.points()),
                        week.count() == null ? null : number(week.count()));
            }
        }
        writeBare(dataDir.resolve("maintenance_fraction_total_by_points.csv"),
                MaintenanceFraction.totalPercent(report.maintenance(), ScopeReport.MaintenanceWeek::points));
        writeBare(dataDir.resolve("maintenance_fraction_total_by_count.csv"),
                MaintenanceFraction.totalPercent(report.maintenance(), ScopeReport.MaintenanceWeek::count));
    }

    /** One value on a line of its own, as the original's COPY of a one-cell query without a header wrote it. */
    private static void writeBare(Path file, Long value) throws IOException {
        Files.writeString(file, (value == null ? "" : value.toString()) + "\n", StandardCharsets.UTF_8);
    }

    private static void writePointsHistogram(ScopeReport report, Path dataDir) throws IOException {
        try (CSVPrinter csv = csv(dataDir.resolve("points_histogram.csv"), "count", "points", "priority")) {
            for (ScopeReport.HistogramBar bar : report.pointsHistogram()) {
                csv.printRecord(bar.count(), bar.points(), bar.priority());
            }
        }
    }

    /** Tab-separated without a header, as the original's COPY wrote it. */
    private static void writeCategoryPossibilities(ScopeReport report, Path dataDir) throws IOException {
        CSVFormat tabs = CSVFormat.TDF.builder().setRecordSeparator("\n").setNullString(TSV_NULL).get();
        try (CSVPrinter tsv = new CSVPrinter(writer(dataDir.resolve("category_possibilities.txt")), tabs)) {
            for (ScopeReport.CategoryPossibility row : report.categoryPossibilities()) {
                tsv.printRecord(row.count(), row.categoryTitle(), row.project(), row.projectColumn());
            }
        }
    }

    private static Map<String, Category> byTitle(ScopeReport report) {
        return report.categories().stream().collect(Collectors.toMap(Category::title, Function.identity()));
    }

    private static CSVPrinter csv(Path file, String... header) throws IOException {
        return new CSVPrinter(writer(file), CSVFormat.DEFAULT.builder().setHeader(header).setRecordSeparator("\n").get());
    }

    private static Writer writer(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    private static String timestamp(LocalDate date) {
        return date == null ? null : date + TIMESTAMP_SUFFIX;
    }

    private static String display(Category category) {
        return category.hidden() ? "hide" : "show";
    }

    /** Weeks from the date to the latest data, as a decimal like the original's interval arithmetic. */
    private static BigDecimal weeksOld(LocalDate date, LocalDate latestData) {
        return BigDecimal.valueOf(ChronoUnit.DAYS.between(date, latestData))
                .divide(BigDecimal.valueOf(7), WEEKS_OLD_SCALE, RoundingMode.HALF_UP);
    }

    /** The original's to_char of a percentage: a leading sign space, whole percent; none when there is no work. */
    private static String percentComplete(MeasureForecast measure) {
        if (measure.total() == 0) {
            return null;
        }
        return " " + BigDecimal.valueOf(measure.resolved() * 100L)
                .divide(BigDecimal.valueOf(measure.total()), 0, RoundingMode.HALF_UP) + "%";
    }

    /** Whole numbers without a fraction, as PostgreSQL prints a numeric that is one. */
    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
