/**
 * Run control: the PostgreSQL advisory locks that keep a dump load and the scope jobs from running over each other,
 * the run registry ({@code run_registry}) that lets a refused run name the one holding the lock, and the recovery
 * from a run whose process was killed: waiting for its session to end, and marking its jobs failed.
 */
package org.wikimedia.phlogiston.runcontrol;
