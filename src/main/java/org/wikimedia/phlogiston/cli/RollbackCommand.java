package org.wikimedia.phlogiston.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import org.wikimedia.phlogiston.publish.ReportPublisher;
import org.wikimedia.phlogiston.runcontrol.CurrentCommand;
import org.wikimedia.phlogiston.runcontrol.RunLock;

@Command(name = "rollback", description = "Make the previous version of a scope's published report current again.")
class RollbackCommand implements Callable<Integer> {

    @ParentCommand
    PhlogistonCommand phlogiston;

    @Option(names = "--scope", required = true, paramLabel = "PREFIX", converter = OptionValues.ScopeName.class,
            description = "The scope whose report goes back one version.")
    String scope;

    @Mixin
    WaitOption waitOption;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext application = phlogiston.startApplication();
             // as any job on the scope: a report running meanwhile would publish over the rollback
             RunLock.Held ignored = application.getBean(RunLock.class).acquireForScope(scope, CurrentCommand.get(),
                     waitOption.wait)) {
            ReportPublisher.Rollback rollback = application.getBean(ReportPublisher.class).rollback(scope);
            phlogiston.out().println(scope + ": now showing the version of " + rollback.to() + " (was " + rollback.from() + ")");
            phlogiston.out().flush();
            return 0;
        }
    }
}
