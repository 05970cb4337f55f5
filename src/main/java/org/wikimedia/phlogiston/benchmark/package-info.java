/**
 * The benchmarks ({@code bin/phlogiston-bench load}, {@code reconstruct}, {@code forecasts}, {@code night},
 * {@code growth}, {@code conduit}) and the kill campaign
 * ({@code bin/phlogiston-bench kills}): command-line tools for measuring and tuning Phlogiston at Wikimedia scale
 * and for killing it there, not part of the nightly run; nothing in the application depends on them.
 */
package org.wikimedia.phlogiston.benchmark;
