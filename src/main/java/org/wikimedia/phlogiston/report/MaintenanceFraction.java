package org.wikimedia.phlogiston.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

import org.wikimedia.phlogiston.report.ScopeReport.MaintenanceWeek;

/**
 * The share of maintenance in the work resolved, as the original computed it: on each week of
 * {@link ScopeReport#maintenance()} with Maintenance work, Maintenance ÷ (Maintenance + New Functionality of the same
 * week), and over all those weeks; work of neither type counts in neither. Undefined (null) where a week has no New
 * Functionality row, nothing of either type was resolved, or the two cancel out.
 */
public final class MaintenanceFraction {

    /** One week's fractions, by points and by count. */
    public record Week(LocalDate date, Double points, Double count) {
    }

    private MaintenanceFraction() {
    }

    /** Per week with Maintenance work, in date order. */
    public static List<Week> weekly(List<MaintenanceWeek> weeks) {
        Map<LocalDate, List<MaintenanceWeek>> byDate = byMaintenanceWeek(weeks);
        return byDate.entrySet().stream()
                .map(date -> new Week(date.getKey(), fraction(date.getValue(), MaintenanceWeek::points),
                        fraction(date.getValue(), MaintenanceWeek::count)))
                .toList();
    }

    /** The whole percentage (half up) over all weeks, by the measure; null when undefined. */
    public static Long totalPercent(List<MaintenanceWeek> weeks, Function<MaintenanceWeek, Long> measure) {
        List<MaintenanceWeek> paired = byMaintenanceWeek(weeks).values().stream().flatMap(List::stream).toList();
        long maintenance = sum(paired, ScopeReport.MAINTENANCE, measure);
        long all = maintenance + sum(paired, ScopeReport.NEW_FUNCTIONALITY, measure);
        if (all == 0) {
            return null;
        }
        return BigDecimal.valueOf(100L * maintenance).divide(BigDecimal.valueOf(all), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /** The rows of the weeks that have a Maintenance row, by week. */
    private static Map<LocalDate, List<MaintenanceWeek>> byMaintenanceWeek(List<MaintenanceWeek> weeks) {
        Map<LocalDate, List<MaintenanceWeek>> byDate = new TreeMap<>();
        weeks.forEach(week -> byDate.computeIfAbsent(week.date(), date -> new ArrayList<>()).add(week));
        byDate.values().removeIf(week -> week.stream().noneMatch(row -> ScopeReport.MAINTENANCE.equals(row.maintType())));
        return byDate;
    }

    private static Double fraction(List<MaintenanceWeek> week, Function<MaintenanceWeek, Long> measure) {
        Long maintenance = value(week, ScopeReport.MAINTENANCE, measure);
        Long newFunctionality = value(week, ScopeReport.NEW_FUNCTIONALITY, measure);
        if (maintenance == null || newFunctionality == null || maintenance + newFunctionality == 0) {
            return null;
        }
        return (double) maintenance / (maintenance + newFunctionality);
    }

    private static Long value(List<MaintenanceWeek> week, String type, Function<MaintenanceWeek, Long> measure) {
        return week.stream().filter(row -> type.equals(row.maintType())).map(measure).filter(Objects::nonNull)
                .findFirst().orElse(null);
    }

    /** The measure of one type summed over the weeks. */
    private static long sum(List<MaintenanceWeek> weeks, String type, Function<MaintenanceWeek, Long> measure) {
        return weeks.stream().filter(row -> type.equals(row.maintType())).map(measure).filter(Objects::nonNull)
                .mapToLong(Long::longValue).sum();
    }
}
