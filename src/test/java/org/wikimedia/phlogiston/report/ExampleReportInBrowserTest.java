package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.dump.DumpFetcher;
import org.wikimedia.phlogiston.dump.DumpLoader;
import org.wikimedia.phlogiston.history.Reconstruction;

/**
 * What the README's first command shows: the bundled sample dump loaded, the example scope ana (of the repository's
 * scopes/) reconstructed and reported on the sample's day, and its pages, the forecast page and its Monte Carlo and
 * flow charts among them, opened in headless Chromium.
 */
@TestPropertySource(properties = {"phlogiston.as-of=2026-11-20", "phlogiston.scopes-dir=scopes",
        "phlogiston.output-dir=target/example-report-in-browser"})
class ExampleReportInBrowserTest extends DatabaseTest {

    private static final Path OUTPUT = Path.of("target/example-report-in-browser");

    @Autowired
    DumpLoader loader;

    @Autowired
    Reconstruction reconstruction;

    @Autowired
    Reporting reporting;

    @Test
    void theExampleScopesPagesLoadInABrowserWithTheForecastsAndFlowCharts() throws Exception {
        BrowserRenderingTest.requireChromium();
        loader.load(DumpFetcher.SAMPLE, true);
        assertThat(reconstruction.run("ana", false, null, Duration.ZERO).succeeded()).isTrue();
        assertThat(reporting.run("ana", Duration.ZERO).succeeded()).isTrue();
        Path ana = OUTPUT.resolve("ana");

        Document forecast = Jsoup.parse(ana.resolve("forecast.html").toFile());
        assertThat(forecast.select("#montecarlo li")).isNotEmpty();
        assertThat(forecast.select("#howmany-table tbody tr")).isNotEmpty();
        assertThat(forecast.select("img").eachAttr("src")).contains("montecarlo_weeks_points.png",
                "montecarlo_weeks_count.png", "forecast_points.png");
        Document index = Jsoup.parse(ana.resolve("index.html").toFile());
        assertThat(index.select("img").eachAttr("src")).contains("flow_cfd.png", "flow_cycle_time.png",
                "burnup_points_showhidden.png");
        assertThat(index.selectFirst("#forecast-summary a[href=forecast.html]")).isNotNull();

        BrowserRenderingTest.assertEveryPageLoads(ana, List.of("index.html", "forecast.html", "tasks.html",
                "rules.html"));
    }
}
