package org.wikimedia.phlogiston.report.forecast;

/**
 * Where the projection lines of one measure stand on a date: the total grown at each scenario's growth rate
 * ({@code *Growviz}) and the resolved work grown at each scenario's velocity ({@code *Velviz}). Named after the
 * original's columns less the measure.
 */
public record MeasureProjection(double pesGrowviz, double nomGrowviz, double optGrowviz,
                                double pesVelviz, double nomVelviz, double optVelviz) {
}
