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
 * @param width     the PNG's width in pixels
 * @param height    the PNG's height in pixels
 */
public record Chart(String fileName, String title, String altText, List<String> dataFiles, Group group, int width,
                    int height) {

    /** A chart of the full size. */
    public Chart(String fileName, String title, String altText, List<String> dataFiles, Group group) {
        this(fileName, title, altText, dataFiles, group, ChartRenderer.WIDTH, ChartRenderer.HEIGHT);
    }

    /** Whether the page shows it beside others rather than across the page. */
    public boolean small() {
        return width < ChartRenderer.WIDTH;
    }

    /** The page's sections of charts, in page order. */
    public enum Group {
        BURNUP("Burnups"),
        FORECAST("Forecasts"),
        MONTE_CARLO("Monte Carlo forecasts"),
        VELOCITY("Velocity"),
        COMPLETED("Completed work"),
        MAINTENANCE("Maintenance and new functionality"),
        POINTS_HISTOGRAM("Points of resolved tasks"),
        FLOW("Flow"),
        CATEGORY("Per category");

        private final String heading;

        Group(String heading) {
            this.heading = heading;
        }

        public String heading() {
            return heading;
        }
    }
}
