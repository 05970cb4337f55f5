package org.wikimedia.phlogiston.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import org.wikimedia.phlogiston.PhlogistonProperties;
import org.wikimedia.phlogiston.dump.DumpLoader;
import org.wikimedia.phlogiston.dump.LiveSource;
import org.wikimedia.phlogiston.dump.LoadOutcome;

@Command(name = "load", description = "Download the Phabricator dump if there is a fresher one and load it.",
        footer = {"%nWith --source conduit (or phlogiston.source: conduit), fetches what changed on a Phabricator or Phorge",
                "install through Conduit (phlogiston.conduit.url, the token in phlogiston.conduit.token-file or PHLOGISTON_CONDUIT_TOKEN);",
                "an interrupted fetch goes on where it stopped the next time."})
class LoadCommand implements Callable<Integer> {

    @ParentCommand
    PhlogistonCommand phlogiston;

    @Option(names = "--dump", paramLabel = "PATH|URL|sample", converter = OptionValues.DumpSource.class,
            description = "The dump to load: a file, an http(s) URL, or 'sample' for the bundled sample "
                    + "(default: phlogiston.dump.source-url, the Wikimedia dump).")
    String dump;

    @Option(names = "--source", paramLabel = "dump|conduit",
            description = "Where to load from: dump (the dump file or URL, see --dump) or conduit (the install at "
                    + "phlogiston.conduit.url). Default: phlogiston.source (dump).")
    String source;

    @Option(names = "--force", description = "Load the dump even if it is the one already loaded; from Conduit, fetch every "
            + "task instead of the ones changed since the last fetch.")
    boolean force;

    @Mixin
    WaitOption waitOption;

    @Override
    public Integer call() {
        if (source != null && !PhlogistonProperties.DUMP_SOURCE.equals(source) && !PhlogistonProperties.CONDUIT_SOURCE.equals(source)) {
            return phlogiston.usageError("--source is dump or conduit, not '" + source + "'");
        }
        boolean conduit = PhlogistonProperties.CONDUIT_SOURCE.equals(source);
        if (conduit && dump != null) {
            return phlogiston.usageError("--dump names a dump; it cannot go with --source conduit");
        }
        try (ConfigurableApplicationContext application = phlogiston.startApplication()) {
            DumpLoader loader = application.getBean(DumpLoader.class);
            String chosen = conduit ? LiveSource.SCHEME : dump;
            if (chosen == null && PhlogistonProperties.DUMP_SOURCE.equals(source)) {
                // the configured dump, whatever phlogiston.source says
                chosen = application.getBean(PhlogistonProperties.class).dump().sourceUrl().toString();
            }
            LoadOutcome outcome;
            try {
                outcome = loader.load(chosen, force, waitOption.wait);
            } catch (LiveSource.NotConfigured e) {
                return phlogiston.usageError(e.getMessage());
            }
            phlogiston.out().println(outcome.summary());
            return outcome.succeeded() ? 0 : PhlogistonCommand.FAILED;
        }
    }
}
