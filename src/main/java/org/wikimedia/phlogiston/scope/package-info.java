/**
 * Scopes, the teams' reports: reading their files ({@code scopes/<prefix>/scope.ini} and
 * {@code recategorization.csv}, the original's files unchanged), resolving their rules against the loaded projects,
 * and checking them, with every problem tied to a file and line.
 */
package org.wikimedia.phlogiston.scope;
