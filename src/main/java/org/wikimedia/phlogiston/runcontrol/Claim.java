package org.wikimedia.phlogiston.runcontrol;

import java.util.List;

/**
 * What a run works on, which decides its locks: the whole database for a load (the global lock, exclusively), or
 * one scope (the global lock shared, so that no load runs under it, and the scope's lock exclusively). Stored in
 * {@code run_registry} as lock_scope and mode.
 */
record Claim(String lockScope, String mode) {

    private static final String EXCLUSIVE = "exclusive";

    static Claim load() {
        return new Claim("load", EXCLUSIVE);
    }

    static Claim scope(String prefix) {
        return new Claim(prefix, "shared");
    }

    boolean isLoad() {
        return mode.equals(EXCLUSIVE);
    }

    /** In the order they are taken: the global lock first, as every run takes it. */
    List<AdvisoryLock> locks() {
        return isLoad() ? List.of(AdvisoryLock.global(false))
                : List.of(AdvisoryLock.global(true), AdvisoryLock.scope(lockScope));
    }
}
