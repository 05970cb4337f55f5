package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikimedia.phlogiston.report.ChartRendererTest.HOSTILE_TITLE;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class SiteIndexTest {

    private final SiteIndex siteIndex = new SiteIndex(new ReportTemplates());

    @Test
    void linksEveryScopeReportInTheOrderGiven() {
        Document html = Jsoup.parse(siteIndex.render(List.of(
                new SiteIndex.SiteEntry("gam", "Gamma", LocalDate.of(2019, 3, 14),
                        Instant.parse("2019-03-15T12:00:00Z")),
                new SiteIndex.SiteEntry("alp", HOSTILE_TITLE, LocalDate.of(2019, 3, 15),
                        Instant.parse("2019-03-15T12:05:00Z")))));

        assertThat(html.select("a").eachAttr("href")).containsExactly("gam/index.html", "alp/index.html");
        assertThat(html.select("a").eachText()).containsExactly("Gamma", HOSTILE_TITLE);
        assertThat(html.select("tbody tr").get(1).text()).contains("2019-03-15", "2019-03-15 12:05 UTC");
        assertThat(html.select("script")).isEmpty();
    }

    @Test
    void carriesItsOwnStyle() {
        Document html = Jsoup.parse(siteIndex.render(List.of()));

        assertThat(html.select("link")).isEmpty();
        assertThat(html.selectFirst("style").data()).contains("font-family");
        assertThat(html.text()).contains("No reports yet.");
    }
}
