package org.wikimedia.phlogiston.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import org.wikimedia.phlogiston.sampledata.SampleDumpGenerator;

@Command(name = "generate-dump", description = "Write a synthetic dump in the real format, all activity before --as-of.")
class GenerateDumpCommand implements Callable<Integer> {

    @Option(names = "--tasks", required = true, paramLabel = "N", description = "How many tasks.")
    int tasks;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Random seed; the same seed gives the same file (default ${DEFAULT-VALUE}).")
    long seed;

    @ParentCommand
    PhlogistonCommand phlogiston;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the dump.")
    Path out;

    @Override
    public Integer call() throws IOException {
        LocalDate asOf = phlogiston.global.asOf;
        if (asOf == null) {
            throw new ParameterException(spec.commandLine(), "generate-dump needs --as-of: the day the dump is taken");
        }
        SampleDumpGenerator.Result result =
                new SampleDumpGenerator(new SampleDumpGenerator.Settings(tasks, seed, asOf)).writeTo(out);
        phlogiston.out().printf("Wrote %s: %,d tasks, %,d transactions, %,d bytes%n", out, result.tasks(),
                result.transactions(), result.bytes());
        return 0;
    }
}
