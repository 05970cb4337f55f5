package org.wikimedia.phlogiston.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.ReferenceRun;
import org.wikimedia.phlogiston.dump.DumpLoader;
import org.wikimedia.phlogiston.history.Reconstruction;
import org.wikimedia.phlogiston.runcontrol.ScopeJobLauncher;
import org.wikimedia.phlogiston.scope.LoadedProjects;
import org.wikimedia.phlogiston.scope.ResolvedScope;
import org.wikimedia.phlogiston.scope.ScopeFiles;
import org.wikimedia.phlogiston.scope.ScopeResolver;

/**
 * Base of the tests that compare a report of a reference scope with the original's: the reference dump loaded once,
 * and the report stage run on the original's history of the scope (OriginalHistory), as of the reference run's day.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "phlogiston.scopes-dir=src/test/resources/reference/scopes")
abstract class OriginalHistoryReportTest extends DatabaseTest {

    protected static final LocalDate AS_OF = LocalDate.parse("2019-03-15");

    @Autowired
    DumpLoader loader;

    @Autowired
    Reconstruction reconstruction;

    @Autowired
    ScopeFiles files;

    @Autowired
    ScopeResolver resolver;

    @Autowired
    LoadedProjects projects;

    @Autowired
    Recategorizer recategorizer;

    @Autowired
    ScopeReportBuilder builder;

    @BeforeAll
    void loadTheReferenceDump() {
        jdbc.execute("TRUNCATE dump_load");
        loader.load(ReferenceRun.DUMP.toString(), true);
    }

    /** Reconstructs the scope (which fills its categories), puts the original's history in place of ours, reports. */
    protected ScopeReport reportOnTheOriginalsHistory(String scope) {
        ScopeJobLauncher.Outcome outcome = reconstruction.run(scope, false, null, Duration.ZERO);
        assertThat(outcome.succeeded()).as(outcome.message()).isTrue();
        OriginalHistory.install(jdbc, scope);
        ResolvedScope resolved = resolver.resolve(files.read(scope), projects.namesById());
        recategorizer.aggregate(scope, resolved.scope().settings(), AS_OF);
        return builder.build(resolved, AS_OF);
    }
}
