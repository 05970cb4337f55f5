package org.wikimedia.phlogiston.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import org.wikimedia.phlogiston.dump.DumpLoader;
import org.wikimedia.phlogiston.dump.LoadOutcome;

@Command(name = "load", description = "Download the Phabricator dump if there is a fresher one and load it.")
class LoadCommand implements Callable<Integer> {

    @ParentCommand
    PhlogistonCommand phlogiston;

    @Option(names = "--dump", paramLabel = "PATH|URL|sample", converter = OptionValues.DumpSource.class,
            description = "The dump to load: a file, an http(s) URL, or 'sample' for the bundled sample "
                    + "(default: phlogiston.dump.source-url, the Wikimedia dump).")
    String dump;

    @Option(names = "--force", description = "Load the dump even if it is the one already loaded.")
    boolean force;

    @Mixin
    WaitOption waitOption;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext application = phlogiston.startApplication()) {
            LoadOutcome outcome = application.getBean(DumpLoader.class).load(dump, force, waitOption.wait);
            phlogiston.out().println(outcome.summary());
            return outcome.succeeded() ? 0 : PhlogistonCommand.FAILED;
        }
    }
}
