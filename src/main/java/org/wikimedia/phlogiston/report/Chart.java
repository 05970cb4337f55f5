package org.wikimedia.phlogiston.report;

import java.util.List;

/**
 * A chart as the page shows it.
 *
 * @param fileName  the PNG, beside the page
 * @param title     what the chart shows and in which unit
 * @param altText   the chart in words, for readers who cannot see it
 * @param dataFiles the CSV files behind it, in the scope's {@code data/} folder (a burnup draws on two)
 * @param group     the section of the page it belongs to
 */
public record Chart(String fileName, String title, String altText, List<String> dataFiles, Group group) {

    /** The page's sections of charts, in page order. */
    public enum Group {
        BURNUP("Burnups"),
        FORECAST("Forecasts"),
        VELOCITY("Velocity");

        private final String heading;

        Group(String heading) {
            this.heading = heading;
        }

        public String heading() {
            return heading;
        }
    }
}
