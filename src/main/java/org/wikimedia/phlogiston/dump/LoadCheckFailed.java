package org.wikimedia.phlogiston.dump;

/** A sanity check refused the staged load; the message names the check. The live tables are untouched. */
public class LoadCheckFailed extends RuntimeException {
    LoadCheckFailed(String check, String detail) {
        super("check \"" + check + "\" failed: " + detail);
    }
}
