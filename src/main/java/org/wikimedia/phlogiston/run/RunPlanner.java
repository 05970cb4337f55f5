package org.wikimedia.phlogiston.run;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.ErrorMessages;
import org.wikimedia.phlogiston.PhlogistonProperties;
import org.wikimedia.phlogiston.dump.DumpLoader;
import org.wikimedia.phlogiston.history.HistoryFreshness;
import org.wikimedia.phlogiston.history.ScopeReconstructor;
import org.wikimedia.phlogiston.publish.ReportPublisher;
import org.wikimedia.phlogiston.scope.LoadedProjects;
import org.wikimedia.phlogiston.scope.ResolvedScope;
import org.wikimedia.phlogiston.scope.ScopeFiles;
import org.wikimedia.phlogiston.scope.ScopeResolver;

/**
 * The plan of a run, for {@code --dry-run}: which dump and whether it is fresher, which scopes, which days each
 * reconstruction covers and what each stage replaces. It only reads: no job is started, no lock taken, no file
 * written.
 */
@Component
public class RunPlanner {

    private final DumpLoader loader;
    private final ScopeFiles files;
    private final ScopeResolver resolver;
    private final LoadedProjects projects;
    private final ScopeReconstructor reconstructor;
    private final HistoryFreshness freshness;
    private final ReportPublisher publisher;
    private final PhlogistonProperties properties;

    public RunPlanner(DumpLoader loader, ScopeFiles files, ScopeResolver resolver, LoadedProjects projects,
                      ScopeReconstructor reconstructor, HistoryFreshness freshness, ReportPublisher publisher,
                      PhlogistonProperties properties) {
        this.loader = loader;
        this.files = files;
        this.resolver = resolver;
        this.projects = projects;
        this.reconstructor = reconstructor;
        this.freshness = freshness;
        this.publisher = publisher;
        this.properties = properties;
    }

    /** The plan in lines, in the order the run would go. */
    public List<String> plan(RunRequest request) {
        List<String> lines = new ArrayList<>();
        lines.add("Dry run of `phlogiston run --mode %s`: nothing is changed.".formatted(request.mode().cliName()));
        lines.add(request.load() ? "Load: " + loader.freshness(request.dumpSource())
                : "Load: none (" + (request.mode().loadsByDefault() ? "--load false" : "mode " + request.mode().cliName()) + ")");
        for (String prefix : request.scopes()) {
            lines.addAll(scopePlan(prefix, request));
        }
        return lines;
    }

    private List<String> scopePlan(String prefix, RunRequest request) {
        ResolvedScope scope;
        try {
            scope = resolver.resolve(files.read(prefix), projects.namesById());
        } catch (RuntimeException e) {
            return List.of(prefix + ": its files cannot be used (" + ErrorMessages.of(e) + "): the run would fail this scope");
        }
        List<String> lines = new ArrayList<>();
        RunMode.Rebuild rebuild = request.mode().rebuild();
        if (rebuild == RunMode.Rebuild.NONE) {
            lines.add(prefix + ": " + freshness.whyNotReportable(scope)
                    .map(why -> "the report would be refused: " + why + "; the run would fail this scope")
                    .orElse("no reconstruction; the report reads the history as it is"));
        } else {
            ScopeReconstructor.Days days;
            try {
                days = reconstructor.plan(scope, rebuild == RunMode.Rebuild.INCREMENTAL, null);
            } catch (RuntimeException e) {
                return List.of(prefix + ": cannot be reconstructed (" + ErrorMessages.of(e) + ")");
            }
            lines.add(prefix + ": " + reconstruction(days) + (request.load() ? " (with the dump loaded now; a fresher"
                    + " one may add days)" : ""));
        }
        lines.add(prefix + ": " + publisher.current(prefix)
                .map(version -> "a new report replaces the published version " + version + " in "
                        + properties.outputDir().resolve(prefix) + " (the last " + properties.publish().keepVersions()
                        + " versions are kept)")
                .orElse("a first report would be published in " + properties.outputDir().resolve(prefix)));
        return lines;
    }

    private static String reconstruction(ScopeReconstructor.Days days) {
        if (days.none()) {
            return "history already up to date (until " + days.storedUntil() + "): no day to reconstruct";
        }
        String covered = "%,d day%s, %s to %s".formatted(days.count(), days.count() == 1 ? "" : "s", days.firstDay(),
                days.lastDay());
        if (!days.full()) {
            return "incremental reconstruction of " + covered + " (the last stored day again, then the new ones)";
        }
        return "full reconstruction of " + covered + (days.whyFull() != null ? " (" + days.whyFull() + ")" : "")
                + (days.storedUntil() == null ? "" : ", replacing its whole history (stored until " + days.storedUntil() + ")");
    }
}
