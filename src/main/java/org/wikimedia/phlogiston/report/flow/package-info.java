/**
 * Flow metrics of a scope's history under its workflow ({@code [workflow]} of scope.ini): the cumulative flow
 * (tasks and points per stage per day), cycle times, weekly throughput, the age of unfinished work and the time
 * tasks spend in each workboard column. Read in one streaming pass over the history's intervals (view
 * task_state), for the tasks the report counts.
 */
package org.wikimedia.phlogiston.report.flow;
