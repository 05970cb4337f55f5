package org.wikimedia.phlogiston.dump;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read and fails once there are more than the limit, so a runaway download stops early. */
final class SizeLimitedStream extends FilterInputStream {

    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    private final long limit;
    /** The source as messages name it. */
    private final String source;
    private long count;

    SizeLimitedStream(InputStream in, long limit, String source) {
        super(in);
        this.limit = limit;
        this.source = source;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    private void counted(int n) throws TooLarge {
        count += n;
        if (count > limit) {
            throw new TooLarge("The dump at %s is larger than the limit of %,d bytes (phlogiston.dump.max-size); download stopped"
                    .formatted(source, limit));
        }
    }
}
