/**
 * The report stage: a scope's history recategorized by its rules, aggregated, turned into velocities and
 * forecasts, charts and pages.
 */
package org.wikimedia.phlogiston.report;
