/**
 * Weekly velocity, scope growth and completion forecasts per category (pessimistic, nominal, optimistic; by points
 * and by count), with the projection lines the charts draw and the forecast table the page shows.
 */
package org.wikimedia.phlogiston.report.forecast;
