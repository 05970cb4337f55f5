/**
 * Talking to a Phabricator or Phorge install through Conduit, its web API: the API token (from a private file or
 * the environment, never shown), and a client that calls one method, pages through a {@code *.search} method, and
 * behaves as a good API citizen (a request rate, timeouts, retries with backoff that honour {@code Retry-After}).
 * A reader turns projects, columns, tasks and their transactions into the rows the dump parser hands the load.
 * The first pieces of the live source (issue 13); fetching into the load tables builds on them.
 */
package org.wikimedia.phlogiston.conduit;
