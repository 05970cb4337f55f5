package org.wikimedia.phlogiston.conduit;

import java.net.URI;
import java.time.Duration;

/**
 * How the client talks to one install.
 *
 * @param url             the install's base address, e.g. {@code https://phabricator.example.org}; methods are
 *                        called at {@code <url>/api/<method>}
 * @param minimumInterval the least time between the starts of two requests (the request rate)
 * @param connectTimeout  how long to wait for a connection
 * @param requestTimeout  how long to wait for a whole answer
 * @param maxAttempts     attempts per call, the first included, before a 429, 5xx or network failure is given up
 * @param firstBackoff    the wait before the second attempt when the server does not say ({@code Retry-After});
 *                        doubled for each further attempt
 * @param maxBackoff      the longest wait the doubling reaches ({@code Retry-After} is honoured as given)
 */
public record ConduitSettings(URI url, Duration minimumInterval, Duration connectTimeout, Duration requestTimeout,
                              int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

    public ConduitSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("Conduit attempts must be at least 1, not " + maxAttempts);
        }
    }
}
