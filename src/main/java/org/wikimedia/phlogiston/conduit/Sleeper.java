package org.wikimedia.phlogiston.conduit;

import java.time.Duration;

/** Waits between requests; injected so that tests see the waits without waiting. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
