package org.wikimedia.phlogiston.report.forecast;

/**
 * A row of the page's forecast table: a category's weeks to completion on the latest date, null for no forecast.
 * The original's columns pp, np, op, pc, nc, oc in that order.
 */
public record ForecastTableRow(String category, Integer pesPoints, Integer nomPoints, Integer optPoints,
                               Integer pesCount, Integer nomCount, Integer optCount) {
}
