/**
 * Run control: the PostgreSQL advisory locks that keep a dump load and the scope jobs from running over each other,
 * and the run registry ({@code run_registry}) that lets a refused run name the one holding the lock.
 */
package org.wikimedia.phlogiston.runcontrol;
