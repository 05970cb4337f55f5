package org.wikimedia.phlogiston.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import org.wikimedia.phlogiston.database.SqlFiles;
import org.wikimedia.phlogiston.history.Reconstruction;
import org.wikimedia.phlogiston.report.Reporting;
import org.wikimedia.phlogiston.runcontrol.ScopeJobLauncher;

/**
 * {@code phlogiston-bench growth}: does the cost grow with the work, not with the history? On the night's dump (left
 * loaded by {@code phlogiston-bench night} in the same work directory), the same scope (a copy of one Wikimedia
 * scope) with one year and with three years of history: each is reconstructed in full up to the day before the
 * night's dump, then a one-day incremental reconstruction and a report of each are timed, {@code --runs} times.
 */
@Command(name = "growth",
        description = {"Time a one-day incremental reconstruction and a report of the same scope with 1 and with 3 years "
                    + "of history (goal: 3 years cost <= 2x 1 year).",
                "Needs the dump loaded by 'phlogiston-bench night' in the same work directory."})
public final class GrowthBenchmark implements Callable<Integer> {

    private static final double RATIO_GOAL = 2.0;
    private static final String ONE_YEAR = "grow1";
    private static final String THREE_YEARS = "grow3";
    private static final Pattern START_DATE = Pattern.compile("(?m)^start_date\\s*=.*$");

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin
    WorkDirectory workDir;

    @Option(names = "--like", defaultValue = "clo", paramLabel = "PREFIX",
            description = "The Wikimedia scope whose settings and rules both scopes copy (default ${DEFAULT-VALUE}).")
    String like;

    @Option(names = "--runs", defaultValue = "3", paramLabel = "N",
            description = "Times each incremental reconstruction and report is run; the median counts (default ${DEFAULT-VALUE}).")
    int runs;

    private final PrintStream out = System.out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1, not " + runs);
        }
        Path wikimediaScope = NightBenchmark.scopesDir(workDir).resolve(like);
        if (!Files.isDirectory(wikimediaScope)) {
            out.println("No Wikimedia scope '" + like + "' in " + wikimediaScope.getParent()
                    + ": run 'phlogiston-bench night' in this work directory first.");
            return 1;
        }
        Path scopesDir = workDir.path().resolve("growth-scopes");
        LocalDate night = NightBenchmark.NIGHT;
        copyScope(wikimediaScope, scopesDir.resolve(ONE_YEAR), night.minusYears(1));
        copyScope(wikimediaScope, scopesDir.resolve(THREE_YEARS), night.minusYears(3));
        out.printf("Growth benchmark: scope '%s' with history from %s (%s) and from %s (%s), one day added: %s%n", like,
                night.minusYears(1), ONE_YEAR, night.minusYears(3), THREE_YEARS, night.minusDays(1));
        try (ConfigurableApplicationContext application = workDir.startOnScopes(night.minusDays(1), scopesDir)) {
            JdbcTemplate jdbc = application.getBean(JdbcTemplate.class);
            if (jdbc.queryForObject(SqlFiles.statement(StoredState.SQL, "loaded_tasks"), Long.class) == 0) {
                out.println("No dump is loaded in " + workDir.path() + ": run 'phlogiston-bench night' first.");
                return 1;
            }
            for (String scope : List.of(ONE_YEAR, THREE_YEARS)) {
                Measured full = measure(() -> application.getBean(Reconstruction.class).run(scope, false, null, Duration.ZERO));
                out.printf("Full, %s:      %6.1f s  %s%n", scope, full.seconds(), full.message());
            }
        }
        List<Double> oneYearDays = new ArrayList<>();
        List<Double> threeYearDays = new ArrayList<>();
        List<Double> oneYearReports = new ArrayList<>();
        List<Double> threeYearReports = new ArrayList<>();
        try (ConfigurableApplicationContext application = workDir.startOnScopes(night, scopesDir)) {
            Reconstruction reconstruction = application.getBean(Reconstruction.class);
            Reporting reporting = application.getBean(Reporting.class);
            warmUp(application, reconstruction, reporting);
            for (int run = 1; run <= runs; run++) {
                for (String scope : List.of(ONE_YEAR, THREE_YEARS)) {
                    Measured day = measure(() -> reconstruction.run(scope, true, null, Duration.ZERO));
                    Measured report = measure(() -> reporting.run(scope, Duration.ZERO));
                    out.printf("Run %d, %s:     incremental %5.1f s, report %5.1f s   (%s | %s)%n", run, scope,
                            day.seconds(), report.seconds(), day.message(), report.message());
                    (scope.equals(ONE_YEAR) ? oneYearDays : threeYearDays).add(day.seconds());
                    (scope.equals(ONE_YEAR) ? oneYearReports : threeYearReports).add(report.seconds());
                }
            }
        }
        printRatio("Incremental day", oneYearDays, threeYearDays);
        printRatio("Report", oneYearReports, threeYearReports);
        return 0;
    }

    /**
     * An untimed first round, then ANALYZE: the first report of a new scope is planned on statistics that know
     * nothing of its rows yet, which can cost minutes (see docs/benchmarks.md, "The whole Wikimedia night"); between
     * two nights autovacuum has had the day to analyse them. A stage that fails here is told, not fatal.
     */
    private void warmUp(ConfigurableApplicationContext application, Reconstruction reconstruction, Reporting reporting) {
        for (String scope : List.of(ONE_YEAR, THREE_YEARS)) {
            long started = System.nanoTime();
            String day = reconstruction.run(scope, true, null, Duration.ZERO).message();
            String report = reporting.run(scope, Duration.ZERO).message();
            out.printf("Warm-up, %s:   %6.1f s  (%s | %s)%n", scope, (System.nanoTime() - started) / 1e9, day, report);
        }
        long started = System.nanoTime();
        application.getBean(JdbcTemplate.class).execute(SqlFiles.statement(StoredState.SQL, "analyze"));
        out.printf("ANALYZE:        %6.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** The Wikimedia scope's files, with its start date replaced. */
    private static void copyScope(Path from, Path to, LocalDate startDate) throws IOException {
        Files.createDirectories(to);
        String settings = Files.readString(from.resolve("scope.ini"));
        Matcher startDateLine = START_DATE.matcher(settings);
        settings = startDateLine.find() ? startDateLine.replaceFirst("start_date = " + startDate)
                : settings.replaceFirst("(?m)^\\[vars]\\s*$", "[vars]\nstart_date = " + startDate);
        Files.writeString(to.resolve("scope.ini"), settings);
        Files.copy(from.resolve("recategorization.csv"), to.resolve("recategorization.csv"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private record Measured(double seconds, String message) {
    }

    private static Measured measure(Supplier<ScopeJobLauncher.Outcome> stage) {
        long started = System.nanoTime();
        ScopeJobLauncher.Outcome outcome = stage.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!outcome.succeeded()) {
            throw new IllegalStateException(outcome.message());
        }
        return new Measured(seconds, outcome.message());
    }

    private void printRatio(String what, List<Double> oneYear, List<Double> threeYears) {
        double ratio = StartBenchmark.median(threeYears) / StartBenchmark.median(oneYear);
        out.printf("%-16s 1 year %5.1f s, 3 years %5.1f s (medians of %d): ratio %.2f  %s (goal <= %.1f)%n", what,
                StartBenchmark.median(oneYear), StartBenchmark.median(threeYears), oneYear.size(), ratio, ratio <= RATIO_GOAL ? "PASS" : "FAIL",
                RATIO_GOAL);
    }
}
