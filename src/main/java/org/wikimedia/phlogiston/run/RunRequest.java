package org.wikimedia.phlogiston.run;

import java.time.Duration;
import java.util.List;

/**
 * A run to make: its mode, whether it loads a fresher dump first (from {@code dumpSource}; null: the configured
 * source), its scopes in the order given, and how long to wait for runs holding its locks.
 */
public record RunRequest(RunMode mode, boolean load, List<String> scopes, String dumpSource, Duration lockWait) {

    public RunRequest {
        scopes = List.copyOf(scopes);
    }
}
