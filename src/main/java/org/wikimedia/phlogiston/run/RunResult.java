package org.wikimedia.phlogiston.run;

import java.util.List;

/**
 * How a run ended: its id in the run history (null when it could not start), whether every stage succeeded, and a
 * line per stage in words a scope owner understands.
 */
public record RunResult(Long runId, boolean succeeded, List<String> lines) {

    public RunResult {
        lines = List.copyOf(lines);
    }
}
