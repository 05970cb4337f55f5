package org.wikimedia.phlogiston.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

/**
 * The site's front page, {@code <output>/index.html}: every scope with its data date, linking its report at
 * {@code <scope>/index.html}. Its style is inline, as nothing else sits at the top of the output.
 */
@Component
public class SiteIndex {

    /** A published scope. */
    public record SiteEntry(String scope, String title, LocalDate latestData, Instant generatedAt) {
    }

    /** A scope as the page lists it, its dates already written out. */
    public record SiteRow(String scope, String title, String latestData, String generatedAt) {
    }

    private final ReportTemplates templates;

    public SiteIndex(ReportTemplates templates) {
        this.templates = templates;
    }

    /** The page's HTML, listing the scopes in the order given. */
    public String render(List<SiteEntry> scopes) {
        List<SiteRow> rows = scopes.stream()
                .map(entry -> new SiteRow(entry.scope(), entry.title(),
                        Objects.toString(entry.latestData(), "none yet"),
                        PageRenderer.reportTime(entry.generatedAt())))
                .toList();
        return templates.render("site-index.ftlh", Map.of("scopes", rows));
    }
}
