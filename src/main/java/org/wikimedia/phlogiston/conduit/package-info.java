/**
 * The live source (issue 13): fetching from a Phabricator or Phorge install through Conduit, its web API. The API
 * token (from a private file or the environment, never shown or stored), a client that calls one method, pages
 * through a {@code *.search} method, and behaves as a good API citizen (a request rate, timeouts, retries with
 * backoff that honour {@code Retry-After}); a reader that turns projects, columns, tasks and their transactions
 * into the dump's sections; and {@link org.wikimedia.phlogiston.conduit.ConduitSource}, the load's live source:
 * an incremental, resumable fetch kept in the database, composed into a dump that the dump load publishes. The
 * fetches as {@code status} ({@link org.wikimedia.phlogiston.conduit.SourceStatus}) and {@code history}
 * ({@link org.wikimedia.phlogiston.conduit.ConduitFetches}) tell them.
 */
package org.wikimedia.phlogiston.conduit;
