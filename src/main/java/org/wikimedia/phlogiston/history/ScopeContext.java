package org.wikimedia.phlogiston.history;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What reconstruction needs of a scope and of the loaded projects and boards.
 *
 * @param projectIds     the scope's projects in rule order: a task's project is the first of them it is in
 * @param projectPhids   project id to PHID, for the project's board
 * @param columnNames    column PHID to name
 */
record ScopeContext(String prefix, List<Integer> projectIds, Map<Integer, String> projectNames,
                    Map<Integer, String> projectPhids, Map<String, String> columnNames, Integer defaultPoints,
                    ZoneId zone, int newFunctionalityTag, int maintenanceTag) {
}
