package org.wikimedia.phlogiston.benchmark;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How long a user waits for a command: whole processes of {@code bin/phlogiston}, as a user starts them (the JVM, the
 * application, the embedded database's start and stop included), each timed several times. In its own folder of the
 * work directory: a generated dump of {@code --tasks} tasks, loaded once, and the example scope {@code ana}.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Time whole processes of bin/phlogiston: --help, status on a small database, and a one-day incremental "
                    + "reconstruction and a report of one scope of a generated 3,000-task dump; medians against the goals "
                    + "(issue 12: status <= 1.0 s, the incremental day <= 1.4 s, the report <= 3.0 s).",
                "Uses DIR/start of the work directory; the first run there generates and loads the dump."})
final class StartBenchmark implements Callable<Integer> {

    static final double STATUS_GOAL_SECONDS = 1.0;
    static final double INCREMENTAL_GOAL_SECONDS = 1.4;
    static final double REPORT_GOAL_SECONDS = 3.0;
    /** The example scope of the checkout: its projects (Analytics-*) are in every generated dump. */
    private static final String SCOPE = "ana";
    /** USER_HZ of /proc, 100 on every Linux architecture Phlogiston runs on. */
    private static final double CLOCK_TICKS_PER_SECOND = 100;

    @Mixin
    WorkDirectory workDir;

    @Option(names = "--runs", defaultValue = "5", paramLabel = "N",
            description = "Runs of each command; the median counts (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--tasks", defaultValue = "3000", paramLabel = "N",
            description = "Tasks of the generated dump (default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--launcher", paramLabel = "FILE",
            description = "The bin/phlogiston to time (default: this checkout's); another checkout's, for a before and after.")
    Path launcher;

    @Spec
    CommandSpec spec;

    private final PrintStream out = System.out;
    private Path dir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1, not " + runs);
        }
        Path jar = Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0]).toAbsolutePath();
        Path checkout = jar.getParent().getParent();
        if (launcher == null) {
            launcher = checkout.resolve("bin").resolve("phlogiston");
        }
        launcher = launcher.toAbsolutePath();
        if (!jar.toString().endsWith(".jar") || !Files.isExecutable(launcher)) {
            out.println("Needs the jar and the launcher of a checkout: run it through bin/phlogiston-bench.");
            return 1;
        }
        dir = Files.createDirectories(workDir.path().resolve("start"));
        out.printf("Start benchmark: %d runs of each command, %d cores, load average %s; launcher %s%n", runs,
                Runtime.getRuntime().availableProcessors(), loadAverage(), launcher);
        prepare(checkout.resolve("scopes").resolve(SCOPE));

        List<Timing> help = new ArrayList<>();
        List<Timing> status = new ArrayList<>();
        List<Timing> incremental = new ArrayList<>();
        List<Timing> report = new ArrayList<>();
        LocalDate firstDay = WorkDirectory.AS_OF.minusDays(runs);
        time("full reconstruction up to " + firstDay + " (not counted)", "reconstruct", "--scope", SCOPE, "--as-of", firstDay.toString());
        for (int run = 1; run <= runs; run++) {
            help.add(time("--help", "--help"));
            status.add(time("status", "status"));
            String day = firstDay.plusDays(run).toString();
            incremental.add(time("reconstruct --incremental --as-of " + day, "reconstruct", "--scope", SCOPE, "--incremental",
                    "--as-of", day));
            report.add(time("report --as-of " + day, "report", "--scope", SCOPE, "--as-of", day));
        }
        out.printf("Load average after: %s%n", loadAverage());
        verdict("--help", help, Double.NaN);
        boolean statusMet = verdict("status", status, STATUS_GOAL_SECONDS);
        boolean incrementalMet = verdict("incremental day", incremental, INCREMENTAL_GOAL_SECONDS);
        boolean reportMet = verdict("report", report, REPORT_GOAL_SECONDS);
        return statusMet && incrementalMet && reportMet ? 0 : 1;
    }

    /** The dump generated and loaded, and the scope copied, unless an earlier run did it. */
    private void prepare(Path exampleScope) throws IOException, InterruptedException {
        Path scope = dir.resolve("scopes").resolve(SCOPE);
        Files.createDirectories(scope);
        try (Stream<Path> files = Files.list(exampleScope)) {
            for (Path file : files.toList()) {
                Files.copy(file, scope.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path dump = dir.resolve("start-%d-tasks-as-of-%s.dump".formatted(tasks, WorkDirectory.AS_OF));
        if (!Files.exists(dump)) {
            time("generate-dump (not counted)", "generate-dump", "--tasks", Integer.toString(tasks), "--seed", "1",
                    "--as-of", WorkDirectory.AS_OF.toString(), "--out", dump.toString());
        }
        time("load (not counted; the first command of a new jar also makes the class archive)", "load", "--dump",
                dump.toString(), "--as-of", WorkDirectory.AS_OF.toString());
    }

    /** How long a command took, and the processor time it used (its JVM and the shell of the launcher). */
    record Timing(double seconds, double cpu) {
    }

    /** Runs bin/phlogiston with these arguments on the benchmark's folder, and says how long it took. */
    private Timing time(String what, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "--data-dir", dir.resolve("data").toString(),
                "--scopes-dir", dir.resolve("scopes").toString(), "--output-dir", dir.resolve("reports").toString()));
        command.addAll(List.of(arguments));
        Path log = dir.resolve("last-command.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // The embedded server of the benchmark's folder, with the launcher's own JVM options, whatever the environment says.
        builder.environment().keySet().removeIf(name -> name.startsWith("PHLOGISTON_"));
        double cpuBefore = childrenCpuSeconds();
        long started = System.nanoTime();
        int exit = builder.start().waitFor();
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = childrenCpuSeconds() - cpuBefore;
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + exit + "): "
                    + Files.readString(log).strip());
        }
        out.printf("  %-70s %6.2f s  (CPU %.2f s)%n", what, seconds, cpu);
        return new Timing(seconds, cpu);
    }

    /** Prints the medians of these runs, and whether the elapsed one meets the goal (none: NaN). */
    private boolean verdict(String what, List<Timing> runs, double goal) {
        double median = median(runs.stream().map(Timing::seconds).toList());
        boolean met = Double.isNaN(goal) || median <= goal;
        out.printf("%-18s median %.2f s, CPU %.2f s (runs: %s)%s%n", what + ":", median,
                median(runs.stream().map(Timing::cpu).toList()),
                String.join(", ", runs.stream().map(run -> "%.2f".formatted(run.seconds())).toList()),
                Double.isNaN(goal) ? "" : "; goal <= %.1f s: %s".formatted(goal, met ? "PASS" : "FAIL"));
        return met;
    }

    /** The middle value; of an even number of values, the mean of the two middle ones. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /**
     * The processor time of the ended children of this process, from /proc (Linux; NaN elsewhere). On a shared machine
     * it says what a command costs better than its elapsed time, which depends on what else runs.
     */
    private static double childrenCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields from the state on: cutime and cstime are fields 16 and 17 of the whole line, in clock ticks
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The machine is shared: the load average says how much of the 2 cores the figures had. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
