package org.wikimedia.phlogiston.dump;

/**
 * Kinds of row-level damage a dump can have. None of them stops a load: the row or value is dropped, blanked or
 * read as described, counted, and a few of the task ids concerned are logged.
 */
public enum Defect {
    EMPTY_INFO("tasks without info, kept with blank fields"),
    REJECTED_TASK("task entries that are not tasks, skipped"),
    DUPLICATE_TASK("task entries whose id was seen before, second copy skipped"),
    BAD_TRANSACTION_ID("transactions without a numeric id, skipped"),
    DUPLICATE_TRANSACTION_ID("transactions whose id was seen before, second copy skipped"),
    TRANSACTION_TYPE_MISMATCH("transactions filed under another type than their own, used with their own type"),
    MALFORMED_TRANSACTION("transaction rows too short or without a date, skipped"),
    MALFORMED_VALUE("values that are not the JSON they should be, ignored"),
    NON_NUMERIC_POINTS("story points that are not a number, read as none"),
    BAD_PROJECT_ROW("project or column rows without a numeric id or a PHID, skipped"),
    ORPHAN_COLUMN("columns whose project is not in the dump, skipped", "column"),
    UNKNOWN_PROJECT("references to projects not in the dump (private ones), ignored"),
    UNKNOWN_SUBTASK("subtask edges to tasks not in the dump, ignored");

    private final String description;
    private final String exampleNoun;

    Defect(String description) {
        this(description, "task");
    }

    Defect(String description, String exampleNoun) {
        this.description = description;
        this.exampleNoun = exampleNoun;
    }

    /** What the example ids are ids of: tasks, or columns. */
    public String exampleNoun() {
        return exampleNoun;
    }

    public String description() {
        return description;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
