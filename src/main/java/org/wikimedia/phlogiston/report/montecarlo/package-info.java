/**
 * Monte Carlo forecasts of a scope and of each category, by points and by count: by when the open work is done
 * ("when", with the dates by which 50, 85 and 95% of trials finished) and how much is done by a target date ("how
 * many"). Each trial walks week by week, drawing one past week of the sampling window and taking that week's
 * throughput and backlog growth together. Pure: no state, no I/O; seeded, so the same inputs give the same output.
 */
package org.wikimedia.phlogiston.report.montecarlo;
