package org.wikimedia.phlogiston.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.wikimedia.phlogiston.report.Chart;
import org.wikimedia.phlogiston.report.ChartRenderer;
import org.wikimedia.phlogiston.report.DataFiles;
import org.wikimedia.phlogiston.report.MonteCarloHistory;
import org.wikimedia.phlogiston.report.PageRenderer;
import org.wikimedia.phlogiston.report.Reporting;
import org.wikimedia.phlogiston.report.ScopeReport;
import org.wikimedia.phlogiston.report.ScopeReportBuilder;
import org.wikimedia.phlogiston.report.flow.FlowCalculator;
import org.wikimedia.phlogiston.report.flow.FlowMetrics;
import org.wikimedia.phlogiston.report.flow.FlowReader;
import org.wikimedia.phlogiston.report.flow.TaskInterval;
import org.wikimedia.phlogiston.report.forecast.WeeklyForecast;
import org.wikimedia.phlogiston.report.forecast.WeeklySeries;
import org.wikimedia.phlogiston.report.montecarlo.MonteCarloForecaster;
import org.wikimedia.phlogiston.runcontrol.ScopeJobLauncher;
import org.wikimedia.phlogiston.scope.LoadedProjects;
import org.wikimedia.phlogiston.scope.MonteCarloSettings;
import org.wikimedia.phlogiston.scope.ResolvedScope;
import org.wikimedia.phlogiston.scope.ScopeFiles;
import org.wikimedia.phlogiston.scope.ScopeResolver;

/**
 * {@code phlogiston-bench forecasts}: what the Monte Carlo forecasts and the flow metrics add to the report of the
 * benchmark scope that {@code phlogiston-bench reconstruct} left in the work directory, with
 * {@value MonteCarloSettings#DEFAULT_TRIALS} trials per category and measure. After one whole report (which fills
 * the report tables), each part is timed on its own, through the same beans the report job uses: the trials, the
 * forecast history's write and the flow metrics' read directly; the data files, charts and pages as the difference
 * between the scope's report and the same report without forecasts and flow metrics. Each part's median over the
 * runs is printed, and their sum against the goal.
 */
@Command(name = "forecasts",
        description = {"Time what the Monte Carlo forecasts and flow metrics add to the benchmark scope's report.",
                "Needs 'phlogiston-bench load' and 'phlogiston-bench reconstruct' in the same work directory."})
public final class ForecastBenchmark implements Callable<Integer> {

    private static final LocalDate AS_OF = WorkDirectory.AS_OF;
    private static final Duration GOAL = Duration.ofSeconds(1);
    private static final String SCOPE = ReconstructBenchmark.SCOPE;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin
    WorkDirectory workDir;

    @Option(names = "--runs", defaultValue = "5", paramLabel = "N",
            description = "Time each part this many times and print the median (default ${DEFAULT-VALUE}).")
    int runs;

    /** A part of the report, timed as one call, or as the difference of two. */
    private interface Part {
        long nanos() throws IOException;
    }

    @Override
    public Integer call() throws IOException {
        Path scopes = workDir.path().resolve("scopes");
        if (!Files.isDirectory(scopes.resolve(SCOPE))) {
            System.out.println("No benchmark scope in " + scopes + ": run 'phlogiston-bench load' and 'reconstruct' first.");
            return 1;
        }
        Path scratch = Files.createTempDirectory("phlogiston-bench-forecasts");
        try (ConfigurableApplicationContext application = workDir.startApplication(AS_OF,
                "--phlogiston.scopes-dir=" + scopes, "--phlogiston.output-dir=" + workDir.path().resolve("reports"))) {
            long started = System.nanoTime();
            ScopeJobLauncher.Outcome whole = application.getBean(Reporting.class).run(SCOPE, Duration.ZERO);
            if (!whole.succeeded()) {
                System.out.println("The report failed: " + whole.message());
                return 1;
            }
            System.out.printf("Whole report (in process, warming up): %.1f s%n", (System.nanoTime() - started) / 1e9);

            ResolvedScope scope = application.getBean(ScopeResolver.class).resolve(
                    application.getBean(ScopeFiles.class).read(SCOPE),
                    application.getBean(LoadedProjects.class).namesById());
            ScopeReport report = application.getBean(ScopeReportBuilder.class).build(scope, AS_OF);
            ScopeReport without = report.withForecastsAndFlow(List.of(), List.of(), FlowMetrics.NONE);
            MonteCarloSettings settings = scope.scope().settings().monteCarlo();
            List<WeeklySeries> series = weeklySeries(report.velocity());
            System.out.printf("Scope %s: %d categories with weeks, %d Monte Carlo forecasts of %,d trials, "
                            + "%,d cycle times, %,d CFD rows%n", SCOPE, series.size(), report.monteCarlo().size(),
                    settings.trials(), report.flow().cycleTimes().size(), report.flow().cfd().size());

            DataFiles dataFiles = application.getBean(DataFiles.class);
            ChartRenderer charts = application.getBean(ChartRenderer.class);
            PageRenderer pages = application.getBean(PageRenderer.class);
            MonteCarloHistory history = application.getBean(MonteCarloHistory.class);
            FlowReader flow = application.getBean(FlowReader.class);
            List<Chart> chartsWith = charts.render(report, scratch.resolve("with"));
            List<Chart> chartsWithout = charts.render(without, scratch.resolve("without"));
            System.out.printf("Charts: %d with forecasts and flow metrics, %d without%n", chartsWith.size(),
                    chartsWithout.size());

            Map<String, Part> parts = new LinkedHashMap<>();
            parts.put("Monte Carlo trials", () -> time(() -> MonteCarloForecaster.forecast(SCOPE, AS_OF, series,
                    settings)));
            parts.put("forecast history (write)", () -> time(() -> history.replace(SCOPE, AS_OF, report.monteCarlo())));
            List<TaskInterval> intervals = flow.intervals(SCOPE, report.latestData());
            parts.put("flow metrics: read the history", () -> time(() -> flow.intervals(SCOPE, report.latestData())));
            parts.put("flow metrics: compute", () -> time(() -> FlowCalculator.compute(scope.scope().workflow(),
                    intervals, report.latestData())));
            parts.put("data files (difference)", () -> time(() -> dataFiles.write(report, AS_OF,
                    scratch.resolve("with/data"))) - time(() -> dataFiles.write(without, AS_OF,
                    scratch.resolve("without/data"))));
            parts.put("charts (difference)", () -> time(() -> charts.render(report, scratch.resolve("with")))
                    - time(() -> charts.render(without, scratch.resolve("without"))));
            parts.put("pages (difference)", () -> time(() -> pages.render(report, chartsWith, scratch.resolve("with")))
                    - time(() -> pages.render(without, chartsWithout, scratch.resolve("without"))));

            double total = 0;
            for (Map.Entry<String, Part> part : parts.entrySet()) {
                List<Long> nanos = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    nanos.add(part.getValue().nanos());
                }
                double median = StartBenchmark.median(nanos.stream().map(n -> n / 1e9).toList());
                // a difference below the noise (negative) adds nothing, rather than hiding another part's cost
                total += Math.max(median, 0);
                System.out.printf("  %-34s %6.3f s  (runs: %s)%n", part.getKey(), median, nanos.stream()
                        .map(n -> "%.3f".formatted(n / 1e9)).toList());
            }
            System.out.printf("Added to the report: %.3f s   %s%n", total,
                    (total <= GOAL.toMillis() / 1000.0 ? "PASS" : "FAIL") + " (goal <= " + GOAL.toSeconds() + " s)");
        } finally {
            FileSystemUtils.deleteRecursively(scratch);
        }
        return 0;
    }

    /** Something the report does, which may write files. */
    private interface Work {
        void run() throws IOException;
    }

    /** Collects the garbage first, so that no timing pays for another's. */
    private static long time(Work work) throws IOException {
        System.gc();
        long started = System.nanoTime();
        work.run();
        return System.nanoTime() - started;
    }

    /** The report's weekly totals per category, the Monte Carlo forecast's input, from its velocity rows. */
    private static List<WeeklySeries> weeklySeries(List<WeeklyForecast> velocity) {
        Map<String, List<WeeklySeries.Week>> weeks = new LinkedHashMap<>();
        for (WeeklyForecast week : velocity) {
            weeks.computeIfAbsent(week.category(), category -> new ArrayList<>()).add(new WeeklySeries.Week(
                    week.date(), week.points().total(), week.count().total(), week.points().resolved(),
                    week.count().resolved()));
        }
        return weeks.entrySet().stream().map(entry -> new WeeklySeries(entry.getKey(), entry.getValue())).toList();
    }
}
