package org.wikimedia.phlogiston.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.SpringProperties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;

import org.wikimedia.phlogiston.ErrorMessages;
import org.wikimedia.phlogiston.PhlogistonApplication;
import org.wikimedia.phlogiston.run.RunResult;
import org.wikimedia.phlogiston.runcontrol.CurrentCommand;
import org.wikimedia.phlogiston.runcontrol.LockHeldException;
import org.wikimedia.phlogiston.runcontrol.ScopeJobLauncher;

/**
 * The {@code phlogiston} command. Subcommands that need the database start the Spring application
 * themselves, so that {@code --help} and {@code generate-dump} work without one.
 */
@Command(name = "phlogiston", mixinStandardHelpOptions = true, versionProvider = PhlogistonCommand.Version.class,
        description = "Burnup charts, velocity and completion forecasts from the Phabricator dump.",
        exitCodeOnInvalidInput = PhlogistonCommand.USAGE,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (or nothing to do)", "1:failed; the message says why",
                "64:wrong usage: an option, a value or a setting (the message names it)",
                "75:another run holds the lock (the message names it)"})
public class PhlogistonCommand implements Runnable {

    static final int FAILED = 1;
    static final int USAGE = 64;
    static final int LOCK_HELD = 75;

    /** The subcommands, in the order the usage lists them. */
    private static final List<Class<?>> COMMANDS = List.of(LoadCommand.class, StatusCommand.class, ReconstructCommand.class,
            ReportCommand.class, RunCommand.class, RestartCommand.class, HistoryCommand.class, ServeCommand.class,
            CheckCommand.class, GenerateDumpCommand.class, RollbackCommand.class, StopDatabaseCommand.class, HelpCommand.class);

    @Mixin
    GlobalOptions global;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the command named and gives its exit code. Spring's AOT processor (at build time, pom.xml) calls main and
     * ends the application it starts with an exception before any bean is made: that exception is how it gets the
     * application, so it leaves main instead of ending as a failed command.
     */
    public static int execute(String... args) {
        CurrentCommand.set(args);
        CommandLine cli = commandLine(args);
        AtomicReference<SpringApplication.AbandonedRunException> abandoned = new AtomicReference<>();
        CommandLine.IExecutionExceptionHandler failed = cli.getExecutionExceptionHandler();
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof SpringApplication.AbandonedRunException aotProcessing) {
                abandoned.set(aotProcessing);
                return FAILED;
            }
            return failed.handleExecutionException(e, commandLine, parseResult);
        });
        int exitCode = cli.execute(args);
        if (abandoned.get() != null) {
            throw abandoned.get();
        }
        return exitCode;
    }

    /** The command line of every command, as {@code help} and the usage list them. */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for these arguments. picocli builds the model of each command it is given by reflection
     * (all of them cost 0.07 s of processor time more than one, with the class archive): when the arguments name a
     * command after nothing but global options, it is given that one only. Otherwise (no command, {@code help}, --help or
     * --version, a misspelt name, an argument file) it gets them all, for the usage text and the suggestions, which are
     * then the same.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new PhlogistonCommand());
        named(cli.getCommandSpec(), args).<List<Class<?>>>map(List::of).orElse(COMMANDS).forEach(cli::addSubcommand);
        cli.getSubcommands().values().forEach(command -> command.getCommandSpec().exitCodeOnInvalidInput(USAGE));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            Optional<LockHeldException> lockHeld = LockHeldException.in(e);
            Optional<String> wrongSetting = wrongSetting(e);
            err.println("phlogiston " + commandLine.getCommandName() + ": " + lockHeld.map(Throwable::getMessage)
                    .or(() -> wrongSetting).orElseGet(() -> ErrorMessages.of(e)));
            err.flush();
            return lockHeld.isPresent() ? LOCK_HELD : wrongSetting.isPresent() ? USAGE : FAILED;
        });
        return cli;
    }

    /** The command the arguments name after nothing but global options, if they do; {@code help} is not one. */
    private static Optional<Class<?>> named(CommandLine.Model.CommandSpec root, String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                return COMMANDS.stream().filter(command -> command != HelpCommand.class
                        && command.getAnnotation(Command.class).name().equals(arg)).findFirst();
            }
            int equals = arg.indexOf('=');
            CommandLine.Model.OptionSpec option = root.findOption(equals < 0 ? arg : arg.substring(0, equals));
            if (option == null || option.usageHelp() || option.versionHelp()) {
                return Optional.empty();
            }
            if (equals < 0 && option.arity().max() > 0) {
                i++;
            }
        }
        return Optional.empty();
    }

    /**
     * What is wrong when the application could not start because of a setting (from --config, application.yml or the
     * environment) or a --config file that is not there: wrong usage, said with the setting, its value and its file.
     */
    private static Optional<String> wrongSetting(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigDataResourceNotFoundException notFound) {
                return Optional.of("the settings " + notFound.getResource() + " does not exist: correct --config");
            }
            if (t instanceof BindException binding) {
                ConfigurationProperty property = binding.getProperty();
                String setting = property == null ? "settings under " + binding.getName()
                        : "setting " + property.getName() + " = " + property.getValue() + " (" + property.getOrigin() + ")";
                return Optional.of("the " + setting + " cannot be used: " + rootCause(binding).getMessage());
            }
        }
        return Optional.empty();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
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

    /** Starts the application with the global options applied, without the scheduler; the caller closes it. */
    ConfigurableApplicationContext startApplication() {
        return startApplication(Schedule.NONE);
    }

    /** Whether the application runs the nightly schedule, which only {@code serve} does. */
    enum Schedule { NONE, QUARTZ }

    /**
     * Starts the application with the global options applied; the caller closes it. Without a schedule, Quartz is
     * left out: creating its scheduler (and its ten threads) is a tenth of a second that a command run once does not
     * need. A setting of {@code spring.autoconfigure.exclude} in --config takes precedence. The beans generated at
     * build time by Spring AOT (used when the launcher sets {@code spring.aot.enabled}) were made without Quartz, so
     * the schedule starts the application the ordinary way, from its annotations.
     */
    ConfigurableApplicationContext startApplication(Schedule schedule) {
        return startApplication(schedule, List.of());
    }

    /** As {@link #startApplication(Schedule)}, with settings of the command's own that no option can override. */
    ConfigurableApplicationContext startApplication(Schedule schedule, List<String> commandSettings) {
        SpringApplication application = new SpringApplication(PhlogistonApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        if (schedule == Schedule.NONE) {
            application.setDefaultProperties(Map.of("spring.autoconfigure.exclude", QuartzAutoConfiguration.class.getName()));
        } else {
            SpringProperties.setFlag(AotDetector.AOT_ENABLED, false);
        }
        List<String> arguments = new ArrayList<>(global.asSpringArguments());
        commandSettings.forEach(setting -> arguments.add("--" + setting));
        return application.run(arguments.toArray(String[]::new));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = PhlogistonCommand.class.getPackage().getImplementationVersion();
            return new String[] {"phlogiston " + (version == null ? "(development build)" : version)};
        }
    }
}
