package org.wikimedia.phlogiston.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.wikimedia.phlogiston.database.SqlFiles;
import org.wikimedia.phlogiston.history.Reconstruction;
import org.wikimedia.phlogiston.report.Reporting;
import org.wikimedia.phlogiston.runcontrol.ScopeJobLauncher;

/**
 * {@code phlogiston-bench reconstruct}: on the Wikimedia-scale dump that {@code phlogiston-bench load} left in the
 * work directory, builds a scope of the busiest projects (at least {@code --min-tasks} tasks), times its full
 * reconstruction over three years, then an incremental run that adds one day.
 */
@Command(name = "reconstruct",
        description = {"Time a full reconstruction of a large scope over three years, an incremental one of one day, then its report.",
                "Needs the dump loaded by 'phlogiston-bench load' in the same work directory."})
public final class ReconstructBenchmark implements Callable<Integer> {

    private static final LocalDate AS_OF = WorkDirectory.AS_OF;
    private static final Duration FULL_GOAL = Duration.ofSeconds(60);
    private static final Duration INCREMENTAL_GOAL = Duration.ofSeconds(5);
    private static final Duration REPORT_GOAL = Duration.ofSeconds(30);
    static final String SCOPE = "bench";
    private static final List<Integer> SPECIAL_TAGS = List.of(942, 1453, 1454, 1656, 2169);

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin
    WorkDirectory workDir;

    @Option(names = "--min-tasks", defaultValue = "5000", paramLabel = "N",
            description = "Add the busiest projects to the scope until it has at least this many tasks (default ${DEFAULT-VALUE}).")
    int minTasks;

    @Override
    public Integer call() throws IOException {
        Path scopes = workDir.path().resolve("scopes");
        int tasks;
        try (ConfigurableApplicationContext application = start(AS_OF.minusDays(1), scopes)) {
            JdbcTemplate jdbc = application.getBean(JdbcTemplate.class);
            if (jdbc.queryForObject(SqlFiles.statement(StoredState.SQL, "loaded_tasks"), Long.class) == 0) {
                System.out.println("No dump is loaded in " + workDir.path() + ": run 'phlogiston-bench load' first.");
                return 1;
            }
            tasks = writeScope(jdbc, scopes.resolve(SCOPE));
            System.out.printf("Scope %s: %,d tasks in its projects at some time; history %s to %s%n",
                    SCOPE, tasks, AS_OF.minusYears(3).plusDays(1), AS_OF);
            Measured full = measure(application, false);
            System.out.printf("Full:           %5.1f s  %s   %s%n", seconds(full.took()), full.outcome().message(),
                    verdict(full.took(), FULL_GOAL));
        }
        try (ConfigurableApplicationContext application = start(AS_OF, scopes)) {
            Measured incremental = measure(application, true);
            System.out.printf("Incremental:    %5.1f s  %s   %s%n", seconds(incremental.took()), incremental.outcome().message(),
                    verdict(incremental.took(), INCREMENTAL_GOAL));
            long started = System.nanoTime();
            ScopeJobLauncher.Outcome report = application.getBean(Reporting.class).run(SCOPE, Duration.ZERO);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("Report:         %5.1f s  %s   %s%n", seconds(took), report.message(),
                    report.succeeded() ? verdict(took, REPORT_GOAL) : "FAILED");
        }
        return 0;
    }

    private record Measured(Duration took, ScopeJobLauncher.Outcome outcome) {
    }

    private static Measured measure(ConfigurableApplicationContext application, boolean incremental) {
        long started = System.nanoTime();
        ScopeJobLauncher.Outcome outcome = application.getBean(Reconstruction.class).run(SCOPE, incremental, null, Duration.ZERO);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (!outcome.succeeded()) {
            throw new IllegalStateException(outcome.message());
        }
        return new Measured(took, outcome);
    }

    /**
     * A scope of ProjectByID rules for projects taken from the smallest up (of at least 100 tasks), until there are
     * enough tasks: a scope close to the size asked for, with several categories, as teams' scopes are.
     */
    private int writeScope(JdbcTemplate jdbc, Path folder) throws IOException {
        List<Map<String, Object>> busiest = jdbc.queryForList(SqlFiles.statement(StoredState.SQL, "busiest_projects"),
                (Object) SPECIAL_TAGS.toArray(Integer[]::new));
        List<Integer> chosen = new ArrayList<>();
        int tasks = 0;
        for (Map<String, Object> project : busiest) {
            if (tasks >= minTasks) {
                break;
            }
            chosen.add(((Number) project.get("project_id")).intValue());
            tasks = jdbc.queryForObject(SqlFiles.statement(StoredState.SQL, "projects_tasks"),
                    Integer.class, (Object) chosen.toArray(Integer[]::new));
        }
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("scope.ini"), """
                [vars]
                scope_title = Benchmark scope
                start_date = %s
                default_points = 1
                """.formatted(AS_OF.minusYears(3)));
        StringBuilder rules = new StringBuilder("rule,title,display,id,matchstring\n");
        chosen.forEach(id -> rules.append("ProjectByID,Project ").append(id).append(",show,").append(id).append(",\n"));
        Files.writeString(folder.resolve("recategorization.csv"), rules);
        return tasks;
    }

    private ConfigurableApplicationContext start(LocalDate asOf, Path scopes) {
        return workDir.startOnScopes(asOf, scopes);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String verdict(Duration took, Duration goal) {
        return (took.compareTo(goal) <= 0 ? "PASS" : "FAIL") + " (goal <= " + goal.toSeconds() + " s)";
    }
}
