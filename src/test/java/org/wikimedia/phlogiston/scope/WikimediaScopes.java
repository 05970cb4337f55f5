package org.wikimedia.phlogiston.scope;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.wikimedia.phlogiston.benchmark.WikimediaScopeFiles;

/** The 36 scopes Wikimedia teams ran with the original (src/test/resources/reference/wikimedia-scopes). */
final class WikimediaScopes {

    private static final Path FOLDER = Path.of("src/test/resources/reference/wikimedia-scopes");

    private WikimediaScopes() {
    }

    /** Copies each {@code <prefix>_scope.py} and {@code <prefix>_recategorization.csv} unchanged into our layout. */
    static List<String> copyInto(Path scopesDir) throws IOException {
        return WikimediaScopeFiles.copyInto(FOLDER, scopesDir);
    }
}
