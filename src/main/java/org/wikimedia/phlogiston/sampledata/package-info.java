/**
 * Generating synthetic Phabricator dumps in the real public-dump format, with the churn and damage real dumps
 * have, for the sample data, the tests and the benchmarks.
 */
package org.wikimedia.phlogiston.sampledata;
