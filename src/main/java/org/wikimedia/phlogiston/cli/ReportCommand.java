package org.wikimedia.phlogiston.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import org.wikimedia.phlogiston.report.Reporting;

@Command(name = "report", description = "Build a scope's report (charts, pages, data) from its history and publish it.")
class ReportCommand implements Callable<Integer> {

    @ParentCommand
    PhlogistonCommand phlogiston;

    @Option(names = "--scope", required = true, paramLabel = "PREFIX", converter = OptionValues.ScopeName.class,
            description = "The scope (its folder under the scopes dir).")
    String scope;

    @Mixin
    WaitOption waitOption;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext application = phlogiston.startApplication()) {
            return phlogiston.report(application.getBean(Reporting.class).run(scope, waitOption.wait));
        }
    }
}
