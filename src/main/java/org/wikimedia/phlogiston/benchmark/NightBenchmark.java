package org.wikimedia.phlogiston.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.wikimedia.phlogiston.dump.DumpLoader;
import org.wikimedia.phlogiston.dump.LoadOutcome;
import org.wikimedia.phlogiston.run.PipelineRun;
import org.wikimedia.phlogiston.run.RunMode;
import org.wikimedia.phlogiston.run.RunRequest;
import org.wikimedia.phlogiston.run.RunResult;
import org.wikimedia.phlogiston.sampledata.SampleDumpGenerator;
import org.wikimedia.phlogiston.sampledata.SampleDumpGenerator.WantedProject;
import org.wikimedia.phlogiston.scope.ScopeFiles;

/**
 * {@code phlogiston-bench night}: the whole Wikimedia night. Generates a Wikimedia-scale dump whose projects include
 * every project the 36 real Wikimedia scopes name, and the same dump one day later; loads the first and
 * reconstructs every scope in full ({@code run --mode rerecon --all-scopes}), then times the night with the second:
 * {@code run --mode incremental --all-scopes} (load, one day added to each history, each report).
 */
@Command(name = "night",
        description = {"Time the whole Wikimedia night: load + an incremental day + a report for each of the 36 "
                    + "Wikimedia scopes (goal <= 5 minutes), after a first full reconstruction of them all (also timed)."})
public final class NightBenchmark implements Callable<Integer> {

    /**
     * The first dump's day: the scopes start between 2015 and mid-2018 (the latest start_date is 2018-06-15), and
     * the original ran them in those years, so the night is set a year after the latest start.
     */
    static final LocalDate AS_OF = LocalDate.of(2019, 7, 1);
    /** The night's dump: the first one, a day later. */
    static final LocalDate NIGHT = AS_OF.plusDays(1);
    static final String NAME = "night";
    private static final Duration GOAL = Duration.ofMinutes(5);

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--tasks", defaultValue = "400000", paramLabel = "N",
            description = "Tasks created in the three years before the first dump (default ${DEFAULT-VALUE}); the "
                    + "night's dump adds a day's worth.")
    int tasks;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Random seed of the generated dumps (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--keep-dumps",
            description = "Reuse the two dumps an earlier run generated with the same --tasks and --seed.")
    boolean keepDumps;

    @Option(names = "--wikimedia-scopes", paramLabel = "DIR",
            defaultValue = "${sys:phlogiston-bench.checkout:-.}/src/test/resources/reference/wikimedia-scopes",
            description = "The Wikimedia scope files (<prefix>_scope.py, <prefix>_recategorization.csv); default the "
                    + "checkout's test resources (now ${DEFAULT-VALUE}).")
    Path wikimediaScopes;

    @Mixin
    WorkDirectory workDir;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws IOException {
        Path scopesDir = scopesDir(workDir);
        List<String> prefixes = WikimediaScopeFiles.copyInto(wikimediaScopes, scopesDir);
        List<WantedProject> wanted = WikimediaScopeFiles.projectsNamedBy(new ScopeFiles(scopesDir), prefixes);
        out.printf("Night benchmark: %d Wikimedia scopes naming %d projects; %,d tasks, seed %d, first dump as of %s, "
                        + "the night's as of %s; %d cores, max heap %,d MB%n", prefixes.size(), wanted.size(), tasks, seed,
                AS_OF, NIGHT, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        Path first = workDir.dump(NAME, tasks, seed, AS_OF);
        Path nightDump = workDir.dump(NAME, tasks, seed, NIGHT);
        WorkDirectory.provideDump(first, new SampleDumpGenerator.Settings(tasks, seed, AS_OF, wanted, 0), keepDumps, out);
        WorkDirectory.provideDump(nightDump, new SampleDumpGenerator.Settings(tasks, seed, AS_OF, wanted, 1), keepDumps,
                out);

        boolean rebuilt;
        try (ConfigurableApplicationContext application = workDir.startOnScopes(AS_OF, scopesDir)) {
            long started = System.nanoTime();
            LoadOutcome load = application.getBean(DumpLoader.class).load(first.toString(), true);
            out.printf("First load:     %,.1f s  %s%n", secondsSince(started), load.summary());
            if (!load.succeeded()) {
                return 1;
            }
            rebuilt = timeRun(application, "First full reconstruction (run --mode rerecon --all-scopes)",
                    new RunRequest(RunMode.RERECON, false, prefixes, null, Duration.ZERO), prefixes, null);
        }
        if (!rebuilt) {
            // as a real night after a bad day would: the night's run reconstructs and reports every scope again
            out.println("Stages of the first full reconstruction failed (above); the night runs all the same.");
        }
        try (ConfigurableApplicationContext application = workDir.startOnScopes(NIGHT, scopesDir)) {
            boolean night = timeRun(application, "The night (run --mode incremental --all-scopes, with the dump a day later)",
                    new RunRequest(RunMode.INCREMENTAL, true, prefixes, nightDump.toString(), Duration.ZERO), prefixes, GOAL);
            return rebuilt && night ? 0 : 1;
        }
    }

    /** Where the Wikimedia scopes are copied in the work directory. */
    static Path scopesDir(WorkDirectory workDir) {
        return workDir.path().resolve("wikimedia-scopes");
    }

    /** Makes the run, prints its split and the verdict (if it has a goal), and says whether every stage succeeded. */
    private boolean timeRun(ConfigurableApplicationContext application, String title, RunRequest request,
                            List<String> prefixes, Duration goal) {
        long started = System.nanoTime();
        RunResult result = application.getBean(PipelineRun.class).run(request);
        double seconds = secondsSince(started);
        out.println(title + ":");
        if (result.runId() != null) {
            StageTimes.of(application.getBean(JdbcTemplate.class), result.runId(), seconds).print(out, prefixes);
        }
        String verdict = !result.succeeded() ? "FAILED" : goal == null ? ""
                : (seconds <= goal.toSeconds() ? "PASS" : "FAIL") + " (goal <= " + goal.toSeconds() + " s)";
        out.printf("  total                     %7.1f s  %s%n", seconds, verdict);
        result.lines().forEach(line -> out.println("    " + line));
        return result.succeeded();
    }

    private static double secondsSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
