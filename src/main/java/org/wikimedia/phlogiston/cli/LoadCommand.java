package org.wikimedia.phlogiston.cli;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import org.wikimedia.phlogiston.dump.DumpLoader;
import org.wikimedia.phlogiston.dump.LoadOutcome;
import org.wikimedia.phlogiston.runcontrol.WaitDuration;

@Command(name = "load", description = "Download the Phabricator dump if there is a fresher one and load it.")
class LoadCommand implements Callable<Integer> {

    @ParentCommand
    PhlogistonCommand phlogiston;

    @Option(names = "--dump", paramLabel = "PATH|URL|sample",
            description = "The dump to load: a file, an http(s) URL, or 'sample' for the bundled sample "
                    + "(default: phlogiston.dump.source-url, the Wikimedia dump).")
    String dump;

    @Option(names = "--force", description = "Load the dump even if it is the one already loaded.")
    boolean force;

    @Option(names = "--wait", paramLabel = "DURATION", converter = WaitDuration.class,
            description = "If another run is using the database, wait this long for it to finish, e.g. 30s, 10m, 2h "
                    + "or PT1H30M (default: do not wait; exit with code 75).")
    Duration wait = Duration.ZERO;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext application = phlogiston.startApplication()) {
            LoadOutcome outcome = application.getBean(DumpLoader.class).load(dump, force, wait);
            phlogiston.out().println(outcome.summary());
            return outcome.succeeded() ? 0 : PhlogistonCommand.FAILED;
        }
    }
}
