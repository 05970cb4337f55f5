package org.wikimedia.phlogiston.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import org.wikimedia.phlogiston.run.RunHistory;

@Command(name = "history", description = "List past runs, newest first: their stages with durations, outcomes and counts.",
        footer = {"%nA line per run: id, start (UTC), duration, outcome (done, failed or running)",
                "and command; then a line per stage: duration, outcome, and counts or why it",
                "failed. A run whose process was killed is failed: its process is gone. A",
                "`phlogiston run` that failed resumes with `phlogiston restart ID`. Last, for",
                "each stage done more than once in the runs listed: its median, shortest and",
                "longest duration, the oldest and newest."})
class HistoryCommand implements Callable<Integer> {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    /** The counts of stages, by their key in the job repository, as a noun in the singular. */
    private static final Map<String, String> COUNT_NOUNS = Map.of("tasks", "task", "taskDays", "task-day", "days", "day",
            "charts", "chart", "rows", "row");
    private static final String STAGE_INDENT = "        ";

    @ParentCommand
    PhlogistonCommand phlogiston;

    @Option(names = "--scope", paramLabel = "PREFIX", converter = OptionValues.ScopeName.class,
            description = "Only the runs that worked on this scope, and the trend of its stages' durations.")
    String scope;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many runs to list (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1) {
            return phlogiston.usageError("--limit must be at least 1");
        }
        try (ConfigurableApplicationContext application = phlogiston.startApplication()) {
            print(application.getBean(RunHistory.class).history(scope, limit), phlogiston.out());
            phlogiston.out().flush();
            return 0;
        }
    }

    private void print(RunHistory.History history, PrintWriter out) {
        if (history.runs().isEmpty()) {
            out.println(scope == null ? "No runs yet: `phlogiston run`, `load`, `reconstruct` and `report` record theirs here."
                    : "No run has worked on scope " + scope + " yet.");
            return;
        }
        out.println((scope == null ? "Runs" : "Runs on scope " + scope) + ", newest first (times in UTC):");
        history.runs().forEach(run -> print(run, out));
        if (!history.trends().isEmpty()) {
            out.println();
            out.println("Durations of the stages done in these runs:");
            history.trends().forEach(trend -> out.println("  %-20s %s".formatted(trend.stage(), trend(trend))));
        }
    }

    private static void print(RunHistory.PastRun run, PrintWriter out) {
        out.println("#%-8d %s %11s  %-11s  %s%s".formatted(run.id(), MINUTE.format(run.start()), duration(run.took()),
                outcome(run.outcome()), run.command(), (run.restartOf() == null ? "" : " (restart of #" + run.restartOf() + ")")
                        + (run.restartedAs() == null ? "" : " (restarted as #" + run.restartedAs() + ")")));
        if (run.reason() != null) {
            out.println(STAGE_INDENT + run.reason());
        }
        for (RunHistory.Stage stage : run.stages()) {
            out.println(STAGE_INDENT + "%-18s %11s  %-11s  %s".formatted(stage.title(), duration(stage.took()),
                    outcome(stage.outcome()), detail(stage)).stripTrailing());
        }
        if (run.restartable()) {
            out.println(STAGE_INDENT + "Once the cause is fixed, `phlogiston restart %d` resumes it: only the stages not "
                    .formatted(run.id()) + "done run again.");
        }
    }

    /** What a stage did, or why it failed: {@code 180 tasks, 20,245 task-days, 166 days}. */
    private static String detail(RunHistory.Stage stage) {
        String counts = stage.counts().entrySet().stream().map(count -> count(count.getKey(), count.getValue()))
                .collect(Collectors.joining(", "));
        return Stream.of(stage.note(), counts).filter(part -> part != null && !part.isEmpty())
                .collect(Collectors.joining(": "));
    }

    /** {@code 12 times: median 4.4 s, 3.9 s to 5.1 s; oldest 3.9 s, newest 4.9 s; tasks 118 → 120}. */
    private static String trend(RunHistory.Trend trend) {
        String line = "%d times: median %s, %s to %s; oldest %s, newest %s".formatted(trend.times(),
                duration(trend.median()), duration(trend.shortest()), duration(trend.longest()), duration(trend.oldest()),
                duration(trend.newest()));
        return trend.measure() == null ? line : line + "; %s %,d → %,d".formatted(COUNT_NOUNS.get(trend.measure()) + "s",
                trend.oldestMeasure(), trend.newestMeasure());
    }

    private static String count(String key, long value) {
        return "%,d %s%s".formatted(value, COUNT_NOUNS.get(key), value == 1 ? "" : "s");
    }

    private static String outcome(RunHistory.Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    /** {@code 4.5 s}, {@code 6 min 3 s}, {@code 2 h 5 min}; {@code -} when not known (a run whose process was killed). */
    private static String duration(Duration duration) {
        if (duration == null) {
            return "-";
        }
        if (duration.toMinutes() < 1) {
            return "%.1f s".formatted(duration.toMillis() / 1000.0);
        }
        if (duration.toHours() < 1) {
            return "%d min %d s".formatted(duration.toMinutes(), duration.toSecondsPart());
        }
        return "%d h %d min".formatted(duration.toHours(), duration.toMinutesPart());
    }
}
