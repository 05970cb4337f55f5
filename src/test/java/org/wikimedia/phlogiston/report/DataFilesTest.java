package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** The data files of the "recat" report (see RecatReportTest), against the original's files of scope alp. */
class DataFilesTest extends RecatReportTest {

    private static final Path ORIGINAL = Path.of("src/test/resources/reference/expected/alp/data");
    private static final List<String> FILES = List.of("burnup.csv", "burnup_categories.csv", "burn_open.csv",
            "burn_done.csv", "burn_done_lastq.csv", "backlog.csv", "forecast.csv", "tranche_velocity.csv",
            "tranche_velocity_points.csv", "tranche_velocity_count.csv", "recently_closed_week.csv",
            "recently_closed_month.csv", "recently_closed_quarter.csv", "points_histogram.csv",
            "category_possibilities.txt", "burnup_showhidden.csv", "burn_open_showhidden.csv",
            "burn_done_showhidden.csv", "burn_done_showhidden_lastq.csv", "maintenance_fraction.csv",
            "maintenance_proportion.csv");

    @Autowired
    DataFiles dataFiles;

    Path dataDir;

    @BeforeAll
    void write(@TempDir Path dir) {
        dataDir = dir.resolve("data");
        dataFiles.write(report, AS_OF, dataDir);
    }

    private List<String> lines(String file) throws IOException {
        return Files.readAllLines(dataDir.resolve(file));
    }

    @Test
    void everyFileHasTheOriginalsHeader() throws IOException {
        for (String file : FILES.stream().filter(file -> file.endsWith(".csv")).toList()) {
            try (Stream<String> original = Files.lines(ORIGINAL.resolve(file))) {
                assertThat(lines(file).get(0)).as(file).isEqualTo(original.findFirst().orElseThrow());
            }
        }
        assertThat(dataDir.resolve("category_possibilities.txt")).exists();
    }

    @Test
    void burnupCountsResolvedWorkOfShownCategoriesOnly() throws IOException {
        // As in the original, the three ranges of task_on_date_agg add up (this scope has no cutoff: 3 x 10,2).
        assertThat(lines("burnup.csv")).contains("2019-01-06 00:00:00,30,6", "2019-01-11 00:00:00,42,6")
                .last().isEqualTo("2019-01-12 00:00:00,42,6");
        assertThat(lines("burn_open.csv")).as("Goal work is hidden (Fix P4); labels stack in rule order")
                .contains("2019-01-05 00:00:00,Doing work,0,1,1,1,1", "2019-01-05 00:00:00,Team rest,4,26,5,27,6")
                .noneMatch(line -> line.contains("Goal work"));
        assertThat(lines("backlog.csv")).as("all work, three ranges added up as in the original (3 x 21,3)")
                .contains("2019-01-05 00:00:00,Goal work,2,63,9,hide");
    }

    @Test
    void showHiddenVariantsCountHiddenCategoriesToo() throws IOException {
        assertThat(lines("burn_open_showhidden.csv")).as("Goal work (hidden, order 2) stacks between the others")
                .contains("2019-01-05 00:00:00,Doing work,0,1,1,1,1", "2019-01-05 00:00:00,Goal work,2,21,3,22,4",
                        "2019-01-05 00:00:00,Team rest,4,26,5,48,9");
        assertThat(lines("burn_done_showhidden.csv")).as("the first category's bands are the same")
                .containsAll(lines("burn_done.csv").stream().filter(line -> line.contains(",Doing work,")).toList());
        assertThat(lines("burnup_showhidden.csv")).hasSameSizeAs(lines("burnup.csv"));
    }

    @Test
    void pointsHistogramCountsTheScopesResolvedTasksOnTheLatestDay() throws IOException {
        assertThat(lines("points_histogram.csv")).containsExactly("count,points,priority", "2,7,50");
    }

    @Test
    void completedWorkIsTheGrowthOfResolvedWorkPerPeriod() throws IOException {
        // The week of 2019-01-12 gained 102 (resolved 01-10, default 7 points); projection rows have no period.
        assertThat(lines("recently_closed_week.csv")).contains("2019-01-07,4,Team rest,7,1", ",4,Team rest,,");
    }

    @Test
    void categoryPossibilitiesCountTaskDaysPerParentTitleProjectAndColumn() throws IOException {
        assertThat(lines("category_possibilities.txt")).contains("20\tBig goal\tTeam\t", "2\t\\N\tOther\tTodo");
    }

    @Test
    void maintenanceFilesGiveTheWorkPerWeekAndMaintTypeAndTheFractions() throws IOException {
        assertThat(lines("maintenance_proportion.csv")).containsExactly("scope,date,maint_type,count,points",
                "recat,2019-01-05 00:00:00,Maintenance,,", "recat,2019-01-12 00:00:00,\"\",,",
                "recat,2019-01-12 00:00:00,Maintenance,0,0");
        assertThat(lines("maintenance_fraction.csv")).as("no New Functionality was done: no fraction")
                .containsExactly("date,maint_frac_points,maint_frac_count", "2019-01-05 00:00:00,,",
                        "2019-01-12 00:00:00,,");
        assertThat(lines("maintenance_fraction_total_by_points.csv")).containsExactly("");
        assertThat(lines("maintenance_fraction_total_by_count.csv")).containsExactly("");
    }
}
