/**
 * The load benchmark ({@code bin/phlogiston-bench load}): a command-line tool for measuring and tuning the
 * dump load at Wikimedia scale, not part of the nightly run; nothing in the application depends on it.
 */
package org.wikimedia.phlogiston.benchmark;
