package org.wikimedia.phlogiston.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import org.wikimedia.phlogiston.history.Reconstruction;

@Command(name = "reconstruct", description = "Rebuild a scope's day-by-day task history from the loaded dump.")
class ReconstructCommand implements Callable<Integer> {

    @ParentCommand
    PhlogistonCommand phlogiston;

    @Option(names = "--scope", required = true, paramLabel = "PREFIX", converter = OptionValues.ScopeName.class,
            description = "The scope (its folder under the scopes dir).")
    String scope;

    @Option(names = "--incremental",
            description = "Only add the days after the last reconstructed one (in full if there is no history yet).")
    boolean incremental;

    @Option(names = "--start-date", paramLabel = "YYYY-MM-DD",
            description = "Start here instead of the scope's start_date (a full reconstruction).")
    LocalDate startDate;

    @Mixin
    WaitOption waitOption;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext application = phlogiston.startApplication()) {
            return phlogiston.report(
                    application.getBean(Reconstruction.class).run(scope, incremental, startDate, waitOption.wait));
        }
    }
}
