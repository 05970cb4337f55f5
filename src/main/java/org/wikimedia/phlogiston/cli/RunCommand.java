package org.wikimedia.phlogiston.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import org.wikimedia.phlogiston.run.PipelineRun;
import org.wikimedia.phlogiston.run.RunMode;
import org.wikimedia.phlogiston.run.RunPlanner;
import org.wikimedia.phlogiston.run.RunRequest;
import org.wikimedia.phlogiston.scope.ScopeFiles;

@Command(name = "run", description = "Run the pipeline as the nightly job does: load a fresher dump, then reconstruct and report each scope.",
        footer = {"%nModes (as the original's batch_phlog.bash):",
                "  incremental  load a fresher dump if there is one, add the new days to each history, report (the nightly default)",
                "  reconstruct  load a fresher dump if there is one, rebuild each history in full, report",
                "  reports      report on the histories as they are (refuses --load true)",
                "  rerecon      rebuild each history in full and report, without loading (refuses --load true)",
                "%nExit codes: 0 every stage done, 1 some stage failed (the others ran; `phlogiston restart ID` runs the failed ones again),",
                "64 wrong usage, 75 another run holds a scope or the database (the message names it)."})
class RunCommand implements Callable<Integer> {

    @ParentCommand
    PhlogistonCommand phlogiston;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "incremental",
            description = "incremental (default), reconstruct, reports or rerecon.")
    String mode;

    @Option(names = "--load", paramLabel = "true|false", arity = "1",
            description = "Load a fresher dump first (default: true for incremental and reconstruct, false otherwise).")
    Boolean load;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Scopes scopes;

    static class Scopes {
        @Option(names = "--scope", paramLabel = "PREFIX", required = true, converter = OptionValues.ScopeName.class,
                description = "A scope to run (repeat for more; they run in this order).")
        List<String> prefixes;

        @Option(names = "--all-scopes", required = true, description = "Every scope of the scopes dir, by name.")
        boolean all;
    }

    @Option(names = "--dump", paramLabel = "PATH|URL|sample", converter = OptionValues.DumpSource.class,
            description = "The dump to load from (default: phlogiston.source: the configured dump URL, or the Conduit install).")
    String dump;

    @Option(names = "--dry-run", description = "Print the plan (the dump and whether it is fresher, the scopes, the days each "
            + "reconstruction covers, what is replaced) and change nothing.")
    boolean dryRun;

    @Mixin
    WaitOption waitOption;

    @Override
    public Integer call() {
        RunMode runMode;
        try {
            runMode = RunMode.fromCliName(mode);
            if (scopes.prefixes != null) {
                validate(runMode, scopes.prefixes);
            }
        } catch (IllegalArgumentException e) {
            return phlogiston.usageError(e.getMessage());
        }
        try (ConfigurableApplicationContext application = phlogiston.startApplication()) {
            List<String> prefixes = scopes.all ? application.getBean(ScopeFiles.class).prefixes() : scopes.prefixes;
            RunRequest request;
            try {
                request = validate(runMode, prefixes);
            } catch (IllegalArgumentException e) {
                return phlogiston.usageError(e.getMessage());
            }
            if (dryRun) {
                application.getBean(RunPlanner.class).plan(request).forEach(phlogiston.out()::println);
                return 0;
            }
            return phlogiston.report(application.getBean(PipelineRun.class).run(request));
        }
    }

    /** The request, if the mode allows it: checked before the database starts when the scopes are named. */
    private RunRequest validate(RunMode runMode, List<String> prefixes) {
        RunRequest request = new RunRequest(runMode, load == null ? runMode.loadsByDefault() : load, prefixes, dump,
                waitOption.wait);
        PipelineRun.validate(request);
        return request;
    }
}
