package org.wikimedia.phlogiston.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import org.wikimedia.phlogiston.history.HandBuiltHistory;
import org.wikimedia.phlogiston.scope.ResolvedScope;

/**
 * The report of the hand-built history (see HandBuiltHistory and RecategorizerTest) under the rules of "recat":
 * Doing work (show), Maintenance (Team ∩ Maintenance, forced resolved), Goal work (hide), Other work (omit),
 * Team rest (show); default points 7. Built once per test class, as of 2019-01-12, so that the closings of early
 * January are recent.
 */
abstract class RecatReportTest extends RecategorizedScopeTest {

    static final LocalDate AS_OF = LocalDate.parse("2019-01-12");

    @Autowired
    ScopeReportBuilder builder;

    ScopeReport report;

    @BeforeAll
    void build(@TempDir Path dir) throws IOException {
        load(HandBuiltHistory.dump(), dir);
        ResolvedScope scope = reconstructAndRecategorize("recat");
        recategorizer.aggregate("recat", scope.scope().settings(), AS_OF);
        report = builder.build(scope, AS_OF);
    }
}
