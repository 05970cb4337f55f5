package org.wikimedia.phlogiston.dump;

import java.io.IOException;

/**
 * A source that is not a dump file but an install answering requests (the Conduit source): its fetch step gathers
 * what changed and composes a dump file from it, which the load stages, checks and publishes as any other; its
 * own records of the fetch are published in the same transaction as the data. The load knows it by the stored
 * form {@code conduit:<url>}, which holds no credentials.
 */
public interface LiveSource {

    /** How the stored form of a live source begins. */
    String SCHEME = "conduit:";

    static boolean names(String source) {
        return source != null && source.startsWith(SCHEME);
    }

    /**
     * The configured live source as job parameters and dump_load keep it; throws {@link NotConfigured} naming the
     * setting that is missing.
     */
    String storedForm();

    /**
     * Fetches what changed since the last published fetch (everything with {@code force}, or the first time),
     * resuming an unfinished fetch, for the load {@code loadId}: a composed dump file, or nothing new.
     */
    DumpFetcher.Fetched fetch(String source, long loadId, boolean force) throws IOException;

    /** Marks the fetch of load {@code loadId} published; runs inside the transaction that publishes its data. */
    void published(String source, long loadId);

    /** What a load would fetch, told without sending a request or changing anything. */
    String probe(String source);

    /** A setting the live source needs is not set. */
    class NotConfigured extends IllegalArgumentException {
        public NotConfigured(String message) {
            super(message);
        }
    }
}
