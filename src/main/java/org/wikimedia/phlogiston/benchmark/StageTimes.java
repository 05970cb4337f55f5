package org.wikimedia.phlogiston.benchmark;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import org.wikimedia.phlogiston.database.SqlFiles;

/**
 * How long each stage of a run of {@code phlogiston run} took ({@code load}, {@code reconstruct-<scope>},
 * {@code report-<scope>}), as the job repository recorded its steps, and the run's whole time.
 */
final class StageTimes {

    private static final String LOAD = "load";
    private static final String RECONSTRUCT = "reconstruct-";
    private static final String REPORT = "report-";

    private final Map<String, Double> secondsByStage = new LinkedHashMap<>();
    private final double runSeconds;

    private StageTimes(double runSeconds) {
        this.runSeconds = runSeconds;
    }

    static StageTimes of(JdbcTemplate jdbc, long runId, double runSeconds) {
        StageTimes times = new StageTimes(runSeconds);
        jdbc.query(SqlFiles.statement(StoredState.SQL, "run_steps"),
                row -> {
                    times.secondsByStage.put(row.getString("step_name"), Duration.between(
                            row.getTimestamp("start_time").toInstant(), row.getTimestamp("end_time").toInstant())
                            .toMillis() / 1000.0);
                }, runId);
        return times;
    }

    /** The split: the load, the reconstructions and the reports (sum and slowest), the rest, and each scope. */
    void print(PrintStream out, Iterable<String> scopes) {
        double staged = secondsByStage.values().stream().mapToDouble(Double::doubleValue).sum();
        if (secondsByStage.containsKey(LOAD)) {
            out.printf("  load                      %7.1f s%n", secondsByStage.get(LOAD));
        }
        printSpread(out, RECONSTRUCT, scopes);
        printSpread(out, REPORT, scopes);
        out.printf("  between the stages        %7.1f s  (job repository, locks)%n", runSeconds - staged);
        out.printf("  per scope: %-8s %11s %8s%n", "scope", "reconstruct", "report");
        for (String scope : scopes) {
            out.printf("             %-8s %9.1f s %6.1f s%n", scope, secondsByStage.getOrDefault(RECONSTRUCT + scope, 0.0),
                    secondsByStage.getOrDefault(REPORT + scope, 0.0));
        }
    }

    private void printSpread(PrintStream out, String stage, Iterable<String> scopes) {
        double sum = 0;
        double max = 0;
        String slowest = "";
        int count = 0;
        for (String scope : scopes) {
            Double seconds = secondsByStage.get(stage + scope);
            if (seconds != null) {
                count++;
                sum += seconds;
                if (seconds > max) {
                    max = seconds;
                    slowest = scope;
                }
            }
        }
        out.printf("  %-12s %3d scopes  %7.1f s  (slowest: %s, %.1f s)%n", stage.substring(0, stage.length() - 1), count,
                sum, slowest, max);
    }
}
