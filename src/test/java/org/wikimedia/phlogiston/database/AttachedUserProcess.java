package org.wikimedia.phlogiston.database;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Phlogiston process using the embedded server, for {@link LingeringServerTest}: attaches to the server on the
 * directory given, says so, and leaves (with the linger time given) when its standard input ends.
 */
class AttachedUserProcess {

    static final String ATTACHED = "attached to the database server";

    public static void main(String[] args) throws IOException {
        try (EmbeddedPostgresServer ignored = EmbeddedPostgresServer.startOrAttach(Path.of(args[0]), Duration.parse(args[1]))) {
            System.out.println(ATTACHED);
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
