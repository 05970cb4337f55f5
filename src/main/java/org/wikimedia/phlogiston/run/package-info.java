/**
 * Runs of the whole pipeline, as the original's {@code batch_phlog.bash} ran it: a load of the dump, then for each
 * scope a reconstruction and a report, in one of four modes. One Spring Batch job per run, a step per stage; its
 * plan (a dry run), its history and its restart; and the schedule that starts it every night.
 */
package org.wikimedia.phlogiston.run;
