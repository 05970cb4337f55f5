package org.wikimedia.phlogiston.scope;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The projects of a dump, read straight from its JSON, for tests that resolve scopes without a database. */
final class DumpProjects {

    static final Path REFERENCE_DUMP = Path.of("src/test/resources/reference/phabricator_public.dump");

    private DumpProjects() {
    }

    static Map<Integer, String> of(Path dump) throws IOException {
        try (InputStream in = Files.newInputStream(dump)) {
            return of(in);
        }
    }

    /** Project rows are [id, name, phid, ...]. */
    static Map<Integer, String> of(InputStream dump) throws IOException {
        Map<Integer, String> names = new TreeMap<>();
        for (JsonNode project : new ObjectMapper().readTree(dump).path("project").path("projects")) {
            names.put(project.get(0).asInt(), project.get(1).asText());
        }
        return names;
    }
}
