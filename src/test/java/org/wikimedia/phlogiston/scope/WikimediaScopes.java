package org.wikimedia.phlogiston.scope;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The 36 scopes Wikimedia teams ran with the original (src/test/resources/reference/wikimedia-scopes). */
final class WikimediaScopes {

    private static final Path FOLDER = Path.of("src/test/resources/reference/wikimedia-scopes");
    private static final String SETTINGS_SUFFIX = "_scope.py";

    private WikimediaScopes() {
    }

    /** Copies each {@code <prefix>_scope.py} and {@code <prefix>_recategorization.csv} unchanged into our layout. */
    static List<String> copyInto(Path scopesDir) throws IOException {
        List<String> prefixes;
        try (Stream<Path> files = Files.list(FOLDER)) {
            prefixes = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(SETTINGS_SUFFIX))
                    .map(name -> name.substring(0, name.length() - SETTINGS_SUFFIX.length())).sorted().toList();
        }
        for (String prefix : prefixes) {
            Path scope = Files.createDirectories(scopesDir.resolve(prefix));
            Files.copy(FOLDER.resolve(prefix + SETTINGS_SUFFIX), scope.resolve("scope.ini"));
            Files.copy(FOLDER.resolve(prefix + "_recategorization.csv"), scope.resolve("recategorization.csv"));
        }
        return prefixes;
    }
}
