package org.wikimedia.phlogiston.scope;

import java.util.List;

/**
 * One line of {@code recategorization.csv}, as written ({@code line} is its line number in the file, for
 * messages). {@code projectIds} are the ids of the {@code id} column (empty when none).
 */
public record CategoryRule(int line, RuleType type, String title, Display display, List<Integer> projectIds,
                           String matchString, String forceStatus, boolean includeInStatus) {

    public enum RuleType {
        PROJECT_BY_ID("ProjectByID"),
        PROJECT_BY_NAME("ProjectByName"),
        PROJECTS_BY_WILDCARD("ProjectsByWildcard"),
        INTERSECTION("Intersection"),
        PROJECT_COLUMN("ProjectColumn"),
        PARENT_TASK("ParentTask");

        private final String fileName;

        RuleType(String fileName) {
            this.fileName = fileName;
        }

        /** The name used in recategorization.csv. */
        public String fileName() {
            return fileName;
        }
    }

    public enum Display { SHOW, HIDE, OMIT }
}
