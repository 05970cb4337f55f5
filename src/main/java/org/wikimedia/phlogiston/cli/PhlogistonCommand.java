package org.wikimedia.phlogiston.cli;

import java.io.PrintWriter;
import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;

import org.wikimedia.phlogiston.ErrorMessages;
import org.wikimedia.phlogiston.run.RunResult;
import org.wikimedia.phlogiston.runcontrol.ScopeJobLauncher;

import org.wikimedia.phlogiston.PhlogistonApplication;
import org.wikimedia.phlogiston.runcontrol.CurrentCommand;
import org.wikimedia.phlogiston.runcontrol.LockHeldException;

/**
 * The {@code phlogiston} command. Subcommands that need the database start the Spring application
 * themselves, so that {@code --help} and {@code generate-dump} work without one.
 */
@Command(name = "phlogiston", mixinStandardHelpOptions = true, versionProvider = PhlogistonCommand.Version.class,
        description = "Burnup charts, velocity and completion forecasts from the Phabricator dump.",
        subcommands = {LoadCommand.class, StatusCommand.class, ReconstructCommand.class, ReportCommand.class, RunCommand.class,
                RestartCommand.class, HistoryCommand.class, ServeCommand.class, CheckCommand.class, GenerateDumpCommand.class,
                RollbackCommand.class, HelpCommand.class},
        exitCodeOnInvalidInput = PhlogistonCommand.USAGE,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (or nothing to do)", "1:failed; the message says why", "64:wrong usage",
                "75:another run holds the lock (the message names it)"})
public class PhlogistonCommand implements Runnable {

    static final int FAILED = 1;
    static final int USAGE = 64;
    static final int LOCK_HELD = 75;

    @Mixin
    GlobalOptions global;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static int execute(String... args) {
        CurrentCommand.set(args);
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new PhlogistonCommand());
        cli.getSubcommands().values().forEach(command -> command.getCommandSpec().exitCodeOnInvalidInput(USAGE));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            Optional<LockHeldException> lockHeld = LockHeldException.in(e);
            err.println("phlogiston " + commandLine.getCommandName() + ": "
                    + lockHeld.map(Throwable::getMessage).orElseGet(() -> ErrorMessages.of(e)));
            err.flush();
            return lockHeld.isPresent() ? LOCK_HELD : FAILED;
        });
        return cli;
    }

    /** Where commands write what they report (standard output, unless a test says otherwise). */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Prints how a run on a scope ended and gives its exit code. */
    int report(ScopeJobLauncher.Outcome outcome) {
        out().println(outcome.message());
        return outcome.succeeded() ? 0 : FAILED;
    }

    /** Prints how a run ended and gives its exit code. */
    int report(RunResult result) {
        result.lines().forEach(out()::println);
        return result.succeeded() ? 0 : FAILED;
    }

    /** Says what is wrong with how the command was called, and gives the exit code for it. */
    int usageError(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("phlogiston: " + message);
        err.flush();
        return USAGE;
    }

    /** Starts the application with the global options applied; the caller closes it. */
    ConfigurableApplicationContext startApplication() {
        SpringApplication application = new SpringApplication(PhlogistonApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application.run(global.asSpringArguments().toArray(String[]::new));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = PhlogistonCommand.class.getPackage().getImplementationVersion();
            return new String[] {"phlogiston " + (version == null ? "(development build)" : version)};
        }
    }
}
