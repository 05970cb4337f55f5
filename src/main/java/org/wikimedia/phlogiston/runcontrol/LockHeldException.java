package org.wikimedia.phlogiston.runcontrol;

import java.util.Optional;

/**
 * Another run holds a lock this one needs; the message names it. Commands exit with 75 on it (EX_TEMPFAIL of
 * sysexits.h: nothing is wrong, try again later).
 */
public class LockHeldException extends RuntimeException {

    LockHeldException(String message) {
        super(message);
    }

    /** The LockHeldException that {@code e} is or was caused by, if any. */
    public static Optional<LockHeldException> in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LockHeldException lockHeld) {
                return Optional.of(lockHeld);
            }
        }
        return Optional.empty();
    }
}
