package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import org.wikimedia.phlogiston.report.forecast.Measure;

/**
 * The Monte Carlo data files of the "recat" report (see RecatReportTest) and the forecast history behind one. The
 * history has two week dates (2019-01-05 and 2019-01-12), so each window is the one week between them and every
 * trial walks alike: Team rest resolved 7 points (1 task) and lost 7 points (1 task) of total, growth 0, with 12
 * points (3 tasks) open; the whole scope resolved 7 points (1 task) with 33 points (6 tasks) open; Goal work
 * resolved nothing; Maintenance has nothing open; Doing work has no tasks on the latest date and no forecast.
 */
class MonteCarloDataFilesTest extends RecatReportTest {

    private static final List<String> FILES = List.of("forecast_montecarlo.csv", "forecast_howmany.csv",
            "forecast_montecarlo_history.csv", "forecast_montecarlo_weeks.csv", "forecast_montecarlo_fan.csv");

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
    void theHistogramsHaveTheWeekEachTrialFinishedIn(@TempDir Path dir) throws IOException {
        dataFiles.write(report, AS_OF, dir);
        // Goal work never finishes: no week
        assertThat(Files.readAllLines(dir.resolve("forecast_montecarlo_weeks.csv"))).containsExactly(
                "category,measure,week_ending,trials",
                "Maintenance,points,2019-01-12,10000",
                "Maintenance,count,2019-01-12,10000",
                "Team rest,points,2019-01-26,10000",
                "Team rest,count,2019-02-02,10000",
                "(all),points,2019-02-16,10000",
                "(all),count,2019-02-23,10000");
    }

    /**
     * The fans reach 13 weeks (the end of the quarter is 11 weeks away): Team rest does its 12 open points in two
     * weeks, 7 then 5, and nothing after (nothing is added); the whole scope 7 points a week until its 33 are done.
     */
    @Test
    void theFansFollowTheWorkDoneWeekByWeekAndMeetHowManyOnTheTargetWeek(@TempDir Path dir) throws IOException {
        dataFiles.write(report, AS_OF, dir);
        List<String> fan = Files.readAllLines(dir.resolve("forecast_montecarlo_fan.csv"));
        assertThat(fan).hasSize(1 + 8 * 14).first().isEqualTo("category,measure,date,p50,p85,p95");
        assertThat(fan).filteredOn(line -> line.startsWith("Team rest,points,")).startsWith(
                "Team rest,points,2019-01-12,0,0,0",
                "Team rest,points,2019-01-19,7,7,7",
                "Team rest,points,2019-01-26,12,12,12",
                "Team rest,points,2019-02-02,12,12,12").endsWith("Team rest,points,2019-04-13,12,12,12");
        assertThat(fan).filteredOn(line -> line.startsWith("(all),points,")).extracting(line -> line.split(",")[3])
                .containsExactly("0", "7", "14", "21", "28", "33", "33", "33", "33", "33", "33", "33", "33", "33");
        assertThat(fan).filteredOn(line -> line.startsWith("Goal work,")).allMatch(line -> line.endsWith(",0,0,0"));
        // the target week (11 weeks on, 2019-03-30) is the "how many" forecast
        for (String howMany : Files.readAllLines(dir.resolve("forecast_howmany.csv")).subList(1, 9)) {
            String[] values = howMany.split(",");
            assertThat(fan).contains(values[0] + "," + values[1] + ",2019-03-30," + values[3] + "," + values[4] + ","
                    + values[5]);
        }
    }

    @Test
    void theReportReadsTheHistoryOfThe85PercentDates() {
        assertThat(report.monteCarloHistory()).filteredOn(row -> row.date().equals(AS_OF)).containsExactly(
                historyRow("Maintenance", Measure.POINTS, "2019-01-12"),
                historyRow("Maintenance", Measure.COUNT, "2019-01-12"),
                historyRow("Goal work", Measure.POINTS, null),
                historyRow("Goal work", Measure.COUNT, null),
                historyRow("Team rest", Measure.POINTS, "2019-01-26"),
                historyRow("Team rest", Measure.COUNT, "2019-02-02"),
                historyRow("(all)", Measure.POINTS, "2019-02-16"),
                historyRow("(all)", Measure.COUNT, "2019-02-23"));
    }

    private static ScopeReport.MonteCarloHistoryRow historyRow(String category, Measure measure, String p85) {
        return new ScopeReport.MonteCarloHistoryRow(AS_OF, category, measure, p85 == null ? null : LocalDate.parse(p85));
    }

    /** The page's "how many" table is forecast_howmany.csv of the same report, the whole scope named in words. */
    @Test
    void theForecastPageShowsWhatTheHowManyFileSays(@TempDir Path dir) throws IOException {
        dataFiles.write(report, AS_OF, dir.resolve("data"));
        new PageRenderer(new ReportTemplates()).render(report, List.of(), dir);

        List<String[]> file = Files.readAllLines(dir.resolve("data/forecast_howmany.csv")).stream().skip(1)
                .map(line -> line.split(",", -1)).toList();
        Document forecast = Jsoup.parse(dir.resolve("forecast.html").toFile());
        assertThat(forecast.select("h2:contains(How many)").text()).isEqualTo("How many by " + file.get(0)[2]);
        assertThat(forecast.select("#howmany-table tbody tr").stream()
                .map(row -> String.join(",", row.select("td").eachText())).toList())
                .hasSize(8)
                .containsExactlyElementsOf(file.stream().map(row -> String.join(",",
                        row[0].equals("(all)") ? "All categories" : row[0], row[1], row[3], row[4], row[5])).toList());
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
