/**
 * The {@code phlogiston} command line: parses commands and options (picocli), starts the application when a
 * command needs the database, and turns outcomes into exit codes and messages.
 */
package org.wikimedia.phlogiston.cli;
