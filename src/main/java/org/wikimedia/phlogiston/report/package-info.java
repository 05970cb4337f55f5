/**
 * The report stage: a scope's history recategorized by its rules, aggregated, turned into velocities and
 * forecasts, charts and pages. Writes only its own tables; reads the history through its views, and only when it is
 * of the current load and rules.
 */
package org.wikimedia.phlogiston.report;
