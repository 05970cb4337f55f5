package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.wikimedia.phlogiston.report.MonteCarloSentences.Line;
import org.wikimedia.phlogiston.report.forecast.Measure;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecast;
import org.wikimedia.phlogiston.report.montecarlo.SamplingWindow;
import org.wikimedia.phlogiston.report.montecarlo.Simulation;

/** The Monte Carlo forecasts in words, on the forecast page. */
class MonteCarloSentencesTest {

    private static final LocalDate START = LocalDate.of(2019, 3, 15);

    @Test
    void datesWhereEnoughTrialsFinishedAndTheChanceWhereNot() {
        // 5 open; a third of the weeks resolve 5, the others nothing: done by week k with chance 1 - (2/3)^k, which
        // passes 50% in week 2 (0.56), 85% in week 5 (0.87), 95% in week 8 (0.96)
        MonteCarloForecast uneven = forecast("Interrupt", Measure.COUNT, 5, new long[] {5, 0, 0}, new long[] {0, 0, 0}, 104);
        assertThat(MonteCarloSentences.sentence(uneven)).isEqualTo(
                "50% by 29 March 2019, 85% by 19 April 2019, 95% by 10 May 2019");
        MonteCarloForecast steady = forecast("Interrupt", Measure.COUNT, 10, new long[] {5}, new long[] {0}, 104);
        assertThat(MonteCarloSentences.sentence(steady)).isEqualTo(
                "50% by 29 March 2019, 85% by 29 March 2019, 95% by 29 March 2019");

        // half the weeks resolve 3 with nothing added, half add 3 with nothing resolved: a fair random walk from 3,
        // which is still above 0 after 104 weeks with chance C(104, 52) / 2^104 = 0.078
        MonteCarloForecast walk = forecast("Mobile", Measure.POINTS, 3, new long[] {3, 0}, new long[] {0, 3}, 104);
        assertThat(MonteCarloSentences.sentence(walk))
                .matches("50% by \\d+ \\w+ 2019, 85% by \\d+ \\w+ 2019, 9[12]% chance to finish within two years");
        MonteCarloForecast treadmill = forecast("Mobile", Measure.POINTS, 3, new long[] {3}, new long[] {3}, 26);
        assertThat(MonteCarloSentences.sentence(treadmill)).isEqualTo("0% chance to finish within 26 weeks");
        assertThat(MonteCarloSentences.sentence(forecast("Done", Measure.COUNT, 0, new long[] {}, new long[] {}, 52)))
                .isEqualTo("nothing open");
    }

    @Test
    void oneLinePerCategoryWithTheMeasuresShown() {
        List<MonteCarloForecast> forecasts = List.of(
                forecast("Interrupt", Measure.POINTS, 10, new long[] {5}, new long[] {0}, 52),
                forecast("Interrupt", Measure.COUNT, 2, new long[] {1}, new long[] {1}, 52),
                forecast("(all)", Measure.POINTS, 10, new long[] {5}, new long[] {0}, 52),
                forecast("(all)", Measure.COUNT, 2, new long[] {1}, new long[] {0}, 52));
        assertThat(MonteCarloSentences.lines(forecasts, true, true)).containsExactly(
                new Line("Interrupt", "by points, 50% by 29 March 2019, 85% by 29 March 2019, 95% by 29 March 2019; "
                        + "by count, 0% chance to finish within a year"),
                new Line("All categories", "by points, 50% by 29 March 2019, 85% by 29 March 2019, 95% by 29 March 2019; "
                        + "by count, 50% by 29 March 2019, 85% by 29 March 2019, 95% by 29 March 2019"));
        assertThat(MonteCarloSentences.lines(forecasts, false, true)).extracting(Line::forecast).containsExactly(
                "0% chance to finish within a year", "50% by 29 March 2019, 85% by 29 March 2019, 95% by 29 March 2019");
    }

    @Test
    void theForecastPageSaysItPerCategory(@TempDir Path dir) throws IOException {
        ScopeReport report = ChartRendererTest.sampleReport();
        new PageRenderer(new ReportTemplates()).render(report, List.of(), dir);
        Document forecast = Jsoup.parse(dir.resolve("forecast.html").toFile());
        assertThat(forecast.select("#montecarlo li strong").eachText())
                .containsExactly("Interrupt", "Mobile", "Alpha other", "All categories");
        assertThat(forecast.select("#montecarlo li").last().text()).startsWith("All categories: by points, 50% by ");
        assertThat(forecast.select("a[href=data/forecast_montecarlo.csv]")).hasSize(1);
    }

    private static MonteCarloForecast forecast(String category, Measure measure, long open, long[] throughput,
                                               long[] growth, int horizonWeeks) {
        SamplingWindow window = new SamplingWindow(START, open, throughput, growth);
        return new MonteCarloForecast(category, measure, window, horizonWeeks, START,
                Simulation.run(window, 10_000, horizonWeeks, 0, 0, 42));
    }
}
