package org.wikimedia.phlogiston.dump;

import java.io.IOException;

/** The dump as a whole cannot be used: not JSON, cut off, or not shaped like a Phabricator dump. */
public class DumpFormatException extends IOException {

    public DumpFormatException(String message) {
        super(message);
    }
}
