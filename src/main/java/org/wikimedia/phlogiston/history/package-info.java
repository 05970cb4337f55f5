/**
 * Reconstruction: each scope's day-by-day task history (the state of every task in scope at the start of
 * every day), built in full or extended incrementally from the loaded dump, and stored per scope. Owns
 * {@code task_state_interval}, {@code scope_history} (with the load each history was built from) and {@code category}
 * (the rules it was built with); other stages read the history through the views {@code task_state} and
 * {@code task_on_date}, and ask {@link org.wikimedia.phlogiston.history.HistoryFreshness} whether it is of the
 * current load and rules.
 */
package org.wikimedia.phlogiston.history;
