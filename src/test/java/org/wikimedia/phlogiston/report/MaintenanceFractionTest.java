package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.wikimedia.phlogiston.report.ScopeReport.MaintenanceWeek;

/** The fractions of the original's alp maintenance_proportion.csv are those of its maintenance_fraction.csv. */
class MaintenanceFractionTest {

    private static final Path ORIGINAL = Path.of("src/test/resources/reference/expected/alp/data");

    private static List<MaintenanceWeek> originalWeeks() throws IOException {
        return Files.readAllLines(ORIGINAL.resolve("maintenance_proportion.csv")).stream().skip(1)
                .map(line -> line.split(",", -1))
                .map(cells -> new MaintenanceWeek(LocalDate.parse(cells[1].substring(0, 10)),
                        cells[2].equals("\"\"") ? null : cells[2], value(cells[4]), value(cells[3])))
                .toList();
    }

    private static Long value(String cell) {
        return cell.isEmpty() ? null : Long.valueOf(cell);
    }

    private static String text(Double fraction) {
        if (fraction == null) {
            return "";
        }
        return fraction == Math.rint(fraction) ? Long.toString(fraction.longValue()) : fraction.toString();
    }

    @Test
    void weeklyFractionsAreMaintenanceOverBothKindsOfWork() throws IOException {
        List<String> fractions = MaintenanceFraction.weekly(originalWeeks()).stream()
                .map(week -> week.date() + " 00:00:00," + text(week.points()) + "," + text(week.count()))
                .toList();
        assertThat(fractions).containsExactlyElementsOf(
                Files.readAllLines(ORIGINAL.resolve("maintenance_fraction.csv")).stream().skip(1).toList());
    }

    @Test
    void totalsAreWholePercentages() throws IOException {
        assertThat(MaintenanceFraction.totalPercent(originalWeeks(), MaintenanceWeek::points)).isEqualTo(26L);
        assertThat(MaintenanceFraction.totalPercent(originalWeeks(), MaintenanceWeek::count)).isEqualTo(38L);
    }
}
