/**
 * Getting the Phabricator dump into the database: fetching it (conditional download, or a local file),
 * parsing it as a stream, staging it with COPY, checking it, and publishing it in place of the previous load
 * in one transaction. Owns the load tables ({@code phabricator_project}, {@code maniphest_task}, ...) and
 * {@code dump_load}, the record of every load attempt; keeps the users' views on the load tables across a load.
 */
package org.wikimedia.phlogiston.dump;
