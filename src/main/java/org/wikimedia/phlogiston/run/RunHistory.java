package org.wikimedia.phlogiston.run;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.Secrets;
import org.wikimedia.phlogiston.conduit.ConduitFetches;
import org.wikimedia.phlogiston.database.SqlFiles;
import org.wikimedia.phlogiston.dump.DumpLoader;
import org.wikimedia.phlogiston.dump.LiveSource;
import org.wikimedia.phlogiston.dump.LoadHistory;
import org.wikimedia.phlogiston.runcontrol.KilledRuns;

/**
 * The past runs, as the job repository holds them, for {@code phlogiston history}: each run of {@code phlogiston
 * run} with a stage per step, and each load, reconstruction and report started on its own as a run of one stage.
 * The jobs a run launched for its stages are not runs of their own: their counts are in the run's steps.
 */
@Component
public class RunHistory {

    private static final String RECONSTRUCT = "reconstruct";
    private static final String REPORT = "report";

    /** The whole-number results that stage jobs put into their execution contexts, in the order they are shown. */
    private static final List<String> COUNTS = List.of("tasks", "taskDays", "days", "charts");
    /** The start of a stack trace line, where the message of an exception stored as an exit description ends. */
    private static final Pattern STACK_FRAME = Pattern.compile("\\n\\s+at ");
    /** The class names before the message in an exception's text: {@code java.io.UncheckedIOException: }. */
    private static final Pattern EXCEPTION_CLASSES = Pattern.compile("^((?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*: )+");

    private final NamedParameterJdbcTemplate jdbc;
    private final JobExplorer explorer;
    private final LoadHistory loads;
    private final ConduitFetches fetches;
    private final String loadJob;
    private final String reconstructJob;
    private final String reportJob;

    /** The jobs are those a run launches for its stages, which are also commands of their own. */
    public RunHistory(NamedParameterJdbcTemplate jdbc, JobExplorer explorer, LoadHistory loads, ConduitFetches fetches,
                      Job loadDumpJob, Job reconstructScopeJob, Job reportScopeJob) {
        this.fetches = fetches;
        this.jdbc = jdbc;
        this.explorer = explorer;
        this.loads = loads;
        this.loadJob = loadDumpJob.getName();
        this.reconstructJob = reconstructScopeJob.getName();
        this.reportJob = reportScopeJob.getName();
    }

    public enum Outcome { DONE, FAILED, RUNNING }

    /** The runs listed, newest first, and how long their stages took over them. */
    public record History(List<PastRun> runs, List<Trend> trends) {
    }

    /**
     * One run, or one job started on its own.
     *
     * @param command     how it was started, as a command line ({@code run --mode rerecon --scope alp})
     * @param start       when it started (or was created, if it never started)
     * @param took        how long it took (so far, while running); null if its process was killed (its end is unknown)
     * @param reason      why it failed when no stage says why; else null
     * @param restartOf   the run it restarted, if it is a restart
     * @param restartedAs the restart that followed it, if any
     * @param restartable whether {@code phlogiston restart} can resume it: a failed run, not restarted yet
     */
    public record PastRun(long id, String command, Instant start, Duration took, Outcome outcome, String reason,
                          Long restartOf, Long restartedAs, boolean restartable, List<Stage> stages) {
    }

    /**
     * A stage of a run: {@code load}, or {@code reconstruct} or {@code report} of a scope.
     *
     * @param note   why it failed, or which load it was and whether it found a fresher dump; null if nothing to say
     * @param counts what it did: tasks, taskDays, days and charts; tasks and rows for a load
     */
    public record Stage(String name, String scope, Duration took, Outcome outcome, String note, Map<String, Long> counts) {

        /** Its name and scope: {@code reconstruct alp}. */
        public String title() {
            return scope == null ? name : name + " " + scope;
        }
    }

    /**
     * How long a stage took over the runs listed, counting the times it was done.
     *
     * @param measure       the newest time's first count (what drives its time, as tasks do a reconstruction's);
     *                      null if it has none
     * @param oldestMeasure that count of the oldest time that has it (runs recorded by older versions may not)
     */
    public record Trend(String stage, int times, Duration median, Duration shortest, Duration longest, Duration oldest,
                        Duration newest, String measure, Long oldestMeasure, Long newestMeasure) {
    }

    /**
     * The last {@code limit} runs, of all, or only those that worked on {@code scope} when it is not null. Jobs whose
     * process was killed are marked failed first, as the next run would.
     */
    public History history(String scope, int limit) {
        record Listed(long id, Long restartOf, Long restartedAs) {
        }
        jdbc.getJdbcTemplate().execute((ConnectionCallback<Void>) connection -> {
            KilledRuns.markFailed(connection);
            return null;
        });
        List<Listed> listed = jdbc.query(SqlFiles.read("sql/run/history.sql"), new MapSqlParameterSource()
                        .addValue("run_job", PipelineRun.JOB_NAME)
                        .addValue("load_job", loadJob)
                        .addValue("reconstruct_job", reconstructJob)
                        .addValue("report_job", reportJob)
                        .addValue("scope", scope)
                        .addValue("limit", limit),
                (row, rowNumber) -> new Listed(row.getLong("id"), row.getObject("restart_of", Long.class),
                        row.getObject("restarted_as", Long.class)));
        // The execution contexts are stored serialized by the job repository: only its explorer reads them.
        List<PastRun> runs = listed.stream()
                .map(run -> pastRun(explorer.getJobExecution(run.id()), run.restartOf(), run.restartedAs()))
                .toList();
        return new History(runs, trends(runs, scope));
    }

    /** The command, or the stage of a run, that {@code job} stands for: {@code load} for a loadDump job, say. */
    private String commandOf(String job) {
        return job.equals(loadJob) ? PipelineRun.LOAD_STEP : job.equals(reconstructJob) ? RECONSTRUCT
                : job.equals(reportJob) ? REPORT : job;
    }

    private PastRun pastRun(JobExecution execution, Long restartOf, Long restartedAs) {
        String command = commandOf(execution.getJobInstance().getJobName());
        Outcome outcome = outcome(execution.getStatus());
        boolean isRun = command.equals(PipelineRun.JOB_NAME);
        List<Stage> stages = isRun ? runStages(execution) : List.of(jobStage(execution, command, outcome));
        String reason = outcome == Outcome.FAILED && stages.stream().noneMatch(stage -> stage.outcome() == Outcome.FAILED)
                ? exitReason(execution.getExitStatus()) : null;
        boolean restartable = isRun && restartedAs == null && outcome == Outcome.FAILED;
        return new PastRun(execution.getId(), commandLine(command, execution.getJobParameters()),
                instant(execution.getStartTime() != null ? execution.getStartTime() : execution.getCreateTime()),
                took(execution.getStartTime(), execution.getEndTime(), outcome), outcome, reason, restartOf, restartedAs,
                restartable, stages);
    }

    /** A run's stages: a step each. */
    private List<Stage> runStages(JobExecution run) {
        return run.getStepExecutions().stream()
                .sorted(Comparator.comparing(StepExecution::getId))
                .map(this::runStage)
                .toList();
    }

    private Stage runStage(StepExecution step) {
        String[] nameAndScope = step.getStepName().split("-", 2);
        Outcome outcome = outcome(step.getStatus());
        Duration took = took(step.getStartTime(), step.getEndTime(), outcome);
        ExecutionContext context = step.getExecutionContext();
        if (nameAndScope[0].equals(PipelineRun.LOAD_STEP)) {
            return loadStage(context, took, outcome, outcome == Outcome.FAILED ? exitReason(step.getExitStatus()) : null);
        }
        // A stage that failed put why into its summary; one that failed before it could, into its exit status.
        String note = outcome != Outcome.FAILED ? null
                : context.containsKey(PipelineRun.SUMMARY) ? oneLine(context.getString(PipelineRun.SUMMARY))
                : exitReason(step.getExitStatus());
        return new Stage(nameAndScope[0], nameAndScope.length > 1 ? nameAndScope[1] : null, took, outcome, note, counts(context));
    }

    /** A job started on its own, as the one stage of its run. */
    private Stage jobStage(JobExecution job, String name, Outcome outcome) {
        Duration took = took(job.getStartTime(), job.getEndTime(), outcome);
        String failure = outcome == Outcome.FAILED ? failureOf(job) : null;
        if (name.equals(PipelineRun.LOAD_STEP)) {
            return loadStage(job.getExecutionContext(), took, outcome, failure);
        }
        return new Stage(name, job.getJobParameters().getString("scope"), took, outcome, failure,
                counts(job.getExecutionContext()));
    }

    /** Why a job failed: a job fails when one of its steps does, whose exit status says why. */
    private static String failureOf(JobExecution job) {
        return job.getStepExecutions().stream()
                .filter(step -> step.getStatus() == BatchStatus.FAILED)
                .map(step -> exitReason(step.getExitStatus()))
                .findFirst().orElseGet(() -> exitReason(job.getExitStatus()));
    }

    /**
     * A load, told from its record in {@code dump_load}, which the load's execution context names; {@code failure}
     * says why it failed when there is no record.
     */
    private Stage loadStage(ExecutionContext context, Duration took, Outcome outcome, String failure) {
        Optional<LoadHistory.Attempt> attempt = context.containsKey(DumpLoader.LOAD_ID)
                ? loads.find(context.getLong(DumpLoader.LOAD_ID)) : Optional.empty();
        Map<String, Long> counts = new LinkedHashMap<>();
        String note = failure;
        if (attempt.isPresent()) {
            LoadHistory.Attempt load = attempt.get();
            note = switch (load.outcome()) {
                case LOADED, RUNNING -> "load #" + load.id();
                case UNCHANGED -> "load #%d: %s (%s)".formatted(load.id(), LiveSource.names(load.source()) ? "nothing changed"
                        : "no fresher dump", load.message());
                case FAILED -> "load #%d: %s".formatted(load.id(), oneLine(load.message()));
            };
            // a load from Conduit: what its fetch asked for and cost (so far, if the fetch is to go on)
            Optional<ConduitFetches.Fetch> fetch = fetches.ofLoad(load.id());
            if (fetch.isPresent()) {
                note += "; fetch #%d from %s of %s: %s".formatted(fetch.get().id(), fetch.get().url(), fetch.get().asked(),
                        fetch.get().counts());
            }
            if (load.outcome() == LoadHistory.Outcome.LOADED) {
                String changed = loads.changeSincePrevious(load).orElse(null);
                note += changed == null ? "" : "; " + changed;
                counts.put("tasks", load.rowCounts().get("maniphest_task"));
                counts.put("rows", load.rowCounts().values().stream().mapToLong(Long::longValue).sum());
            }
        }
        return new Stage(PipelineRun.LOAD_STEP, null, took, outcome, note, counts);
    }

    private static Map<String, Long> counts(ExecutionContext context) {
        Map<String, Long> counts = new LinkedHashMap<>();
        COUNTS.stream().filter(context::containsKey).forEach(key -> counts.put(key, context.getLong(key)));
        return counts;
    }

    /** The command line that does what a job of {@code command} did with these parameters. */
    private static String commandLine(String command, JobParameters parameters) {
        StringBuilder line = new StringBuilder(command);
        switch (command) {
            case PipelineRun.JOB_NAME -> {
                RunMode mode = RunMode.fromCliName(parameters.getString(PipelineRun.MODE));
                line.append(" --mode ").append(mode.cliName());
                for (String scope : parameters.getString(PipelineRun.SCOPES).split(",")) {
                    line.append(" --scope ").append(scope);
                }
                boolean load = Boolean.parseBoolean(parameters.getString(PipelineRun.LOAD));
                if (load != mode.loadsByDefault()) {
                    line.append(" --load ").append(load);
                }
                String source = parameters.getString(PipelineRun.SOURCE, "");
                if (!source.isEmpty()) {
                    line.append(" --dump ").append(source);
                }
                if (parameters.getString(PipelineRun.SCHEDULED) != null) {
                    line.append(" (scheduled)");
                }
            }
            case PipelineRun.LOAD_STEP -> {
                String source = parameters.getString("source");
                line.append(LiveSource.names(source) ? " --source conduit" : " --dump " + source);
                if (Boolean.parseBoolean(parameters.getString("force"))) {
                    line.append(" --force");
                }
            }
            case RECONSTRUCT -> {
                line.append(" --scope ").append(parameters.getString("scope"));
                if (Boolean.parseBoolean(parameters.getString("incremental"))) {
                    line.append(" --incremental");
                }
                if (parameters.getString("startDate") != null) {
                    line.append(" --start-date ").append(parameters.getString("startDate"));
                }
            }
            case REPORT -> line.append(" --scope ").append(parameters.getString("scope"));
            default -> {
                // a job of another kind: its name says what it is
            }
        }
        return Secrets.mask(line.toString()); // the parameters of a run from before sources were masked
    }

    /** How a job or step went. */
    private static Outcome outcome(BatchStatus status) {
        return status == BatchStatus.COMPLETED ? Outcome.DONE : status.isRunning() ? Outcome.RUNNING : Outcome.FAILED;
    }

    /** The job repository keeps times as local date-times of the JVM that wrote them: this one, as a rule. */
    private static Instant instant(LocalDateTime time) {
        return time.atZone(ZoneId.systemDefault()).toInstant();
    }

    private static Duration took(LocalDateTime start, LocalDateTime end, Outcome outcome) {
        if (start == null) {
            return null;
        }
        if (end != null) {
            return Duration.between(start, end);
        }
        return outcome == Outcome.RUNNING ? Duration.between(instant(start), Instant.now()) : null;
    }

    /** The message of the exception an exit description holds (its whole stack trace), without class names. */
    private static String exitReason(ExitStatus exit) {
        String message = STACK_FRAME.split(exit.getExitDescription(), 2)[0];
        message = oneLine(EXCEPTION_CLASSES.matcher(message.strip()).replaceFirst(""));
        return message.isEmpty() ? null : message;
    }

    /** {@code text} on one line, and without the credentials that a message stored by an older version may hold. */
    private static String oneLine(String text) {
        return Secrets.mask(text.strip().replaceAll("\\s*\\n\\s*", " "));
    }

    /**
     * How long each stage took the times it was done in {@code runs} (newest first), in the order the stages first
     * appear oldest first; with a scope, only the stages of that scope.
     */
    private static List<Trend> trends(List<PastRun> runs, String scope) {
        Map<String, List<Stage>> oldestFirst = new LinkedHashMap<>();
        for (int i = runs.size() - 1; i >= 0; i--) {
            runs.get(i).stages().stream()
                    .filter(stage -> stage.outcome() == Outcome.DONE && stage.took() != null)
                    .filter(stage -> scope == null || scope.equals(stage.scope()))
                    .forEach(stage -> oldestFirst.computeIfAbsent(stage.title(), title -> new ArrayList<>()).add(stage));
        }
        return oldestFirst.entrySet().stream()
                .filter(stage -> stage.getValue().size() > 1)
                .map(stage -> trend(stage.getKey(), stage.getValue()))
                .toList();
    }

    private static Trend trend(String title, List<Stage> oldestFirst) {
        List<Duration> sorted = oldestFirst.stream().map(Stage::took).sorted().toList();
        int middle = sorted.size() / 2;
        Duration median = sorted.size() % 2 == 1 ? sorted.get(middle) : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
        Stage oldest = oldestFirst.get(0);
        Stage newest = oldestFirst.get(oldestFirst.size() - 1);
        String measure = newest.counts().keySet().stream().findFirst().orElse(null);
        Long oldestMeasure = measure == null ? null : oldestFirst.stream().map(stage -> stage.counts().get(measure))
                .filter(Objects::nonNull).findFirst().orElseThrow();
        return new Trend(title, oldestFirst.size(), median, sorted.get(0), sorted.get(sorted.size() - 1), oldest.took(),
                newest.took(), measure, oldestMeasure, measure == null ? null : newest.counts().get(measure));
    }
}
