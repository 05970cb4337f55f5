package org.wikimedia.phlogiston.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** Placeholder while serve is being written. */
@Command(name = "serve", description = "(being written)")
class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return PhlogistonCommand.FAILED;
    }
}
