/**
 * Reconstruction: each scope's day-by-day task history (the state of every task in scope at the start of
 * every day), built in full or extended incrementally from the loaded dump, and stored per scope.
 */
package org.wikimedia.phlogiston.history;
