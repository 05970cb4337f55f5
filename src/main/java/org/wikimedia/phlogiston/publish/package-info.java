/**
 * The published output folder: each scope's report is built as a new version beside the current one and made
 * current in one atomic symlink switch, so readers only ever see complete reports; old versions are kept for
 * rollback.
 */
package org.wikimedia.phlogiston.publish;
