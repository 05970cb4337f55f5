package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.dump.DumpLoader;
import org.wikimedia.phlogiston.dump.TestDump;
import org.wikimedia.phlogiston.history.Reconstruction;
import org.wikimedia.phlogiston.scope.LoadedProjects;
import org.wikimedia.phlogiston.scope.ResolvedScope;
import org.wikimedia.phlogiston.scope.ScopeFiles;
import org.wikimedia.phlogiston.scope.ScopeResolver;

/**
 * Tests of the report stage on a hand-built dump and the scopes of src/test/resources/history-scopes: what a
 * report run does before its own steps (load, reconstruct, recategorize), one call each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "phlogiston.scopes-dir=src/test/resources/history-scopes")
abstract class RecategorizedScopeTest extends DatabaseTest {

    @Autowired
    DumpLoader loader;

    @Autowired
    Reconstruction reconstruction;

    @Autowired
    Recategorizer recategorizer;

    @Autowired
    ScopeFiles scopes;

    @Autowired
    ScopeResolver resolver;

    @Autowired
    LoadedProjects projects;

    /** Loads {@code dump} (written into {@code dir}) as the only load there has been. */
    void load(TestDump dump, Path dir) throws IOException {
        jdbc.execute("TRUNCATE dump_load");
        loader.load(dump.writeTo(dir.resolve("test.dump")).toString(), true);
    }

    /** The scope as its files say now, resolved against the loaded projects. */
    ResolvedScope resolved(String prefix) {
        return resolver.resolve(scopes.read(prefix), projects.namesById());
    }

    /** Reconstructs the scope in full and recategorizes its history; returns it resolved. */
    ResolvedScope reconstructAndRecategorize(String prefix) {
        assertThat(reconstruction.run(prefix, false, null, Duration.ZERO).succeeded()).isTrue();
        ResolvedScope scope = resolved(prefix);
        recategorizer.recategorize(scope);
        return scope;
    }
}
