package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Monte Carlo data files of the "recat" report (see RecatReportTest) and the forecast history behind one. The
 * history has two week dates (2019-01-05 and 2019-01-12), so each window is the one week between them and every
 * trial walks alike: Team rest resolved 7 points (1 task) and lost 7 points (1 task) of total, growth 0, with 12
 * points (3 tasks) open; the whole scope resolved 7 points (1 task) with 33 points (6 tasks) open; Goal work
 * resolved nothing; Maintenance has nothing open; Doing work has no tasks on the latest date and no forecast.
 */
class MonteCarloDataFilesTest extends RecatReportTest {

    private static final List<String> FILES = List.of("forecast_montecarlo.csv", "forecast_howmany.csv",
            "forecast_montecarlo_history.csv");

    @Autowired
    DataFiles dataFiles;

    @Test
    void whenAndHowManyOfEachCategoryAndTheWholeScope(@TempDir Path dir) throws IOException {
        dataFiles.write(report, AS_OF, dir);
        assertThat(Files.readAllLines(dir.resolve("forecast_montecarlo.csv"))).containsExactly(
                "category,measure,open,p50_date,p85_date,p95_date,done_within_horizon,trials,window_weeks,horizon_weeks",
                "Maintenance,points,0,2019-01-12,2019-01-12,2019-01-12,1,10000,1,104",
                "Maintenance,count,0,2019-01-12,2019-01-12,2019-01-12,1,10000,1,104",
                "Goal work,points,21,,,,0,10000,1,104",
                "Goal work,count,3,,,,0,10000,1,104",
                "Team rest,points,12,2019-01-26,2019-01-26,2019-01-26,1,10000,1,104", // 12 / 7 a week: 2 weeks
                "Team rest,count,3,2019-02-02,2019-02-02,2019-02-02,1,10000,1,104",
                "(all),points,33,2019-02-16,2019-02-16,2019-02-16,1,10000,1,104", // 33 / 7: 5 weeks
                "(all),count,6,2019-02-23,2019-02-23,2019-02-23,1,10000,1,104");
        // to the end of the quarter, 11 weeks: enough for all the open work, and never more
        assertThat(Files.readAllLines(dir.resolve("forecast_howmany.csv"))).containsExactly(
                "category,measure,target_date,p50,p85,p95",
                "Maintenance,points,2019-03-31,0,0,0",
                "Maintenance,count,2019-03-31,0,0,0",
                "Goal work,points,2019-03-31,0,0,0",
                "Goal work,count,2019-03-31,0,0,0",
                "Team rest,points,2019-03-31,12,12,12",
                "Team rest,count,2019-03-31,3,3,3",
                "(all),points,2019-03-31,33,33,33",
                "(all),count,2019-03-31,6,6,6");
    }

    @Test
    void theSameReportWritesTheSameBytes(@TempDir Path dir) throws IOException {
        dataFiles.write(report, AS_OF, dir.resolve("first"));
        dataFiles.write(builder.build(resolved("recat"), AS_OF), AS_OF, dir.resolve("second"));
        for (String file : FILES) {
            assertThat(Files.readAllBytes(dir.resolve("second").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("first").resolve(file)));
        }
    }

    @Test
    void everyReportDateKeepsItsPercentilesAndARerunReplacesThem(@TempDir Path dir) throws IOException {
        builder.velocity(resolved("recat"), AS_OF.plusDays(1));
        builder.velocity(resolved("recat"), AS_OF.plusDays(1));
        dataFiles.write(report, AS_OF, dir);
        List<String> history = Files.readAllLines(dir.resolve("forecast_montecarlo_history.csv"));
        assertThat(history).hasSize(1 + 2 * 8).startsWith(
                "date,category,measure,p50_date,p85_date,p95_date,done_within_horizon",
                "2019-01-12,Maintenance,points,2019-01-12,2019-01-12,2019-01-12,1");
        assertThat(history).filteredOn(line -> line.startsWith("2019-01-13,")).containsExactly(
                "2019-01-13,Maintenance,points,2019-01-12,2019-01-12,2019-01-12,1",
                "2019-01-13,Maintenance,count,2019-01-12,2019-01-12,2019-01-12,1",
                "2019-01-13,Goal work,points,,,,0",
                "2019-01-13,Goal work,count,,,,0",
                "2019-01-13,Team rest,points,2019-01-26,2019-01-26,2019-01-26,1",
                "2019-01-13,Team rest,count,2019-02-02,2019-02-02,2019-02-02,1",
                "2019-01-13,(all),points,2019-02-16,2019-02-16,2019-02-16,1",
                "2019-01-13,(all),count,2019-02-23,2019-02-23,2019-02-23,1");
        assertThat(count("forecast_montecarlo_history")).isEqualTo(16);
    }
}
