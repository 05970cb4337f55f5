package org.wikimedia.phlogiston.cli;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import org.wikimedia.phlogiston.PhlogistonProperties;
import org.wikimedia.phlogiston.run.NightlySchedule;
import org.wikimedia.phlogiston.run.OutputServer;
import org.wikimedia.phlogiston.run.RunMode;
import org.wikimedia.phlogiston.run.RunRequest;
import org.wikimedia.phlogiston.run.ScheduleProperties;

@Command(name = "serve", description = "Make the nightly run on a schedule, and serve the reports over HTTP if asked, until stopped.",
        footer = {"%nEach option overrides its setting under phlogiston.schedule (see docs/operating.md, The schedule).",
                "The run is the one of `phlogiston run`; its lines and outcome go to the log.",
                "A run is skipped, with a line in the log, when another run holds its scopes",
                "or the database, or when another serve process on the database has made it.",
                "%nStop with Ctrl-C or SIGTERM: a run in progress is finished first.",
                "%nExit codes: 1 failed to start (the message says why), 64 wrong usage.",
                "Stopped by a signal, the process ends as the signal ends it (143 after SIGTERM,",
                "130 after Ctrl-C)."})
class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
    private static final int MAX_PORT = 65_535;

    @ParentCommand
    PhlogistonCommand phlogiston;

    @Option(names = "--cron", paramLabel = "EXPR",
            description = "When to run: a Quartz cron expression, seconds first, in phlogiston.schedule.time-zone "
                    + "(default '0 15 4 * * ?': 04:15 every day, UTC).")
    String cron;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "incremental (default), reconstruct, reports or rerecon, as for `phlogiston run`.")
    String mode;

    @Option(names = "--load", paramLabel = "true|false", arity = "1",
            description = "Load a fresher dump first (default: true for incremental and reconstruct, false otherwise).")
    Boolean load;

    /** Without either option, the configured scopes (by default every scope). */
    @ArgGroup(exclusive = true)
    RunCommand.Scopes scopes;

    @Option(names = "--http-port", paramLabel = "N",
            description = "Serve the output folder read-only over HTTP on this port (default 0: do not serve), at the "
                    + "address phlogiston.schedule.http-bind: 127.0.0.1, this machine only, unless set.")
    Integer httpPort;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws IOException {
        RunMode runMode;
        try {
            runMode = mode == null ? null : RunMode.fromCliName(mode);
        } catch (IllegalArgumentException e) {
            return phlogiston.usageError(e.getMessage());
        }
        if (httpPort != null && (httpPort < 0 || httpPort > MAX_PORT)) {
            return phlogiston.usageError("--http-port " + httpPort + " is not a port: give 1 to " + MAX_PORT + ", or 0 for none");
        }
        Thread shutdownHook = new Thread(this::stopAndWait, "phlogiston-serve-stop");
        try (ConfigurableApplicationContext application = phlogiston.startApplication(PhlogistonCommand.Schedule.QUARTZ)) {
            ScheduleProperties configured = application.getBean(ScheduleProperties.class);
            RunRequest request = request(configured, runMode == null ? configured.mode() : runMode);
            String times = cron == null ? configured.cron() : cron;
            int port = httpPort == null ? configured.httpPort() : httpPort;
            NightlySchedule schedule = application.getBean(NightlySchedule.class);
            try (OutputServer server = port == 0 ? null : OutputServer.start(
                    application.getBean(PhlogistonProperties.class).outputDir(), configured.httpBind(), port)) {
                Instant firstRun;
                try {
                    firstRun = schedule.start(request, times, configured.timeZone());
                } catch (IllegalArgumentException e) {
                    return phlogiston.usageError(e.getMessage());
                }
                phlogiston.out().printf("Serving: %s at '%s' (%s), the first on %s.%s%nStop with Ctrl-C or SIGTERM.%n",
                        describe(request), times, configured.timeZone().getId(), firstRun,
                        server == null ? "" : " Reports at " + server.address());
                phlogiston.out().flush();
                Runtime.getRuntime().addShutdownHook(shutdownHook);
                stopRequested.await();
                schedule.stop();
            }
            log.info("Stopped");
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PhlogistonCommand.FAILED;
        } finally {
            stopped.countDown();
            removeShutdownHook(shutdownHook);
        }
    }

    /** Makes {@link #call} stop the schedule, after the run in progress if any, and return 0. */
    void stop() {
        stopRequested.countDown();
    }

    /** On SIGTERM or Ctrl-C: the process must not end before the run in progress and the HTTP server have. */
    private void stopAndWait() {
        stop();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The process is ending, which is what stopped serve: the hook is running, and goes with the process.
        }
    }

    /** The run to make each time: the options given, else the configured settings. No scopes: every scope. */
    private RunRequest request(ScheduleProperties configured, RunMode runMode) {
        List<String> prefixes = scopes == null ? configured.scopes() : scopes.all ? List.of() : scopes.prefixes;
        boolean loads = load != null ? load : configured.load() != null ? configured.load() : runMode.loadsByDefault();
        return new RunRequest(runMode, loads, prefixes, null, configured.lockWait());
    }

    private static String describe(RunRequest request) {
        return "`phlogiston run --mode %s --load %s %s`".formatted(request.mode().cliName(), request.load(),
                request.scopes().isEmpty() ? "--all-scopes" : "--scope " + String.join(" --scope ", request.scopes()));
    }
}
