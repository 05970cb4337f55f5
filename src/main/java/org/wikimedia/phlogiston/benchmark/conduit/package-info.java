/**
 * A Conduit install served from a dump, for tests and benchmarks: a real HTTP server on localhost answering in
 * Phorge's Conduit request and response format ({@link org.wikimedia.phlogiston.benchmark.conduit.TestConduitServer}),
 * serving the content of a dump as a Phorge install holding the same data would
 * ({@link org.wikimedia.phlogiston.benchmark.conduit.DumpAsConduit}). Nothing in the application depends on it.
 */
package org.wikimedia.phlogiston.benchmark.conduit;
