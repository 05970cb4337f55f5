package org.wikimedia.phlogiston.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** Placeholder while history is being written. */
@Command(name = "history", description = "(being written)")
class HistoryCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return PhlogistonCommand.FAILED;
    }
}
