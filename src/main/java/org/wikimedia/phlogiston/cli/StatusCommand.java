package org.wikimedia.phlogiston.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import org.wikimedia.phlogiston.conduit.SourceStatus;
import org.wikimedia.phlogiston.dump.LoadHistory;

@Command(name = "status",
        description = "Show the dump currently loaded, the last load attempts, and the source: for Conduit, its last fetch and an unfinished one.")
class StatusCommand implements Callable<Integer> {

    @ParentCommand
    PhlogistonCommand phlogiston;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "5",
            description = "How many recent load attempts to list (default ${DEFAULT-VALUE}).")
    int attempts;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext application = phlogiston.startApplication()) {
            phlogiston.out().print(application.getBean(LoadHistory.class).report(attempts));
            phlogiston.out().print(application.getBean(SourceStatus.class).report());
            phlogiston.out().flush();
            return 0;
        }
    }
}
