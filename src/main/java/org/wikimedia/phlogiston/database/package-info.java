/**
 * The PostgreSQL database everything is stored in: the embedded server Phlogiston starts itself (real
 * PostgreSQL binaries, data kept in the data directory) or an existing server named by {@code --db-url}.
 */
package org.wikimedia.phlogiston.database;
