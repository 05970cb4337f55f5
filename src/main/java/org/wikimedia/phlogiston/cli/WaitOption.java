package org.wikimedia.phlogiston.cli;

import java.time.Duration;

import picocli.CommandLine.Option;

import org.wikimedia.phlogiston.runcontrol.WaitDuration;

/** {@code --wait}, for every command that takes a run-control lock. */
class WaitOption {

    @Option(names = "--wait", paramLabel = "DURATION", converter = WaitDuration.class,
            description = "If another run holds what this one needs, wait this long for it to finish, e.g. 30s, 10m, 2h "
                    + "or PT1H30M (default: do not wait; exit with code 75).")
    Duration wait = Duration.ZERO;
}
