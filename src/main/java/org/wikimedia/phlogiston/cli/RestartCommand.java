package org.wikimedia.phlogiston.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import org.wikimedia.phlogiston.run.PipelineRun;
import org.wikimedia.phlogiston.run.RunResult;

@Command(name = "restart", description = "Run the failed stages of a failed `phlogiston run` again (its id is in `phlogiston history`).")
class RestartCommand implements Callable<Integer> {

    @ParentCommand
    PhlogistonCommand phlogiston;

    @Parameters(paramLabel = "RUN_ID", description = "The run to restart.")
    long runId;

    @Mixin
    WaitOption waitOption;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext application = phlogiston.startApplication()) {
            RunResult result;
            try {
                result = application.getBean(PipelineRun.class).restart(runId, waitOption.wait);
            } catch (IllegalArgumentException e) {
                return phlogiston.usageError(e.getMessage());
            }
            return phlogiston.report(result);
        }
    }
}
