package org.wikimedia.phlogiston.benchmark;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import org.wikimedia.phlogiston.dump.LoadHistory;
import org.wikimedia.phlogiston.sampledata.SampleDumpGenerator;

/**
 * {@code phlogiston-bench kills}: a kill campaign at Wikimedia scale. Runs {@code phlogiston load}, {@code reconstruct},
 * {@code report} and {@code run} as separate JVMs on the benchmark's data directory, kills each with SIGKILL at a
 * seeded random moment of its run, checks what it left, runs the same command again at once and checks again.
 *
 * <p>Two dumps of different sizes take turns in the loads, so that a load that published some tables and not
 * others would show: each table's rows must be those its last recorded load counted. The scope's history must be
 * the one before the killed command or the one a clean reconstruction on the live load gives; the published
 * report must be a whole version. The campaign's own application context keeps the embedded server up between
 * commands, as any other Phlogiston process on the data directory would.
 */
@Command(name = "kills",
        description = {"Kill load, reconstruct, report and run with SIGKILL at random moments, rerun each at once, "
                    + "and check that nothing is half-changed, no published report is incomplete and no rerun is refused.",
                "Needs the data of 'phlogiston-bench load' and 'phlogiston-bench reconstruct' in the same work directory."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check held after every kill and every rerun", "1:a check failed or a rerun did not succeed "
                    + "(the lines say which), or a clean run failed", "64:wrong usage"})
public final class KillCampaign implements Callable<Integer> {

    private static final int LOCK_HELD = 75;
    private static final long POLL_MILLIS = 250;
    private static final double MB = 1 << 20;
    /** The second dump: fewer tasks (still above the load's 90 % check) and another seed, so every count differs. */
    private static final double OTHER_DUMP_SHARE = 0.975;
    private static final long OTHER_DUMP_SEED = 2;
    private static final String CHILD_HEAP = "-Xmx1g";
    /** The default --seed of phlogiston-bench load, whose dump the campaign loads. */
    private static final long DUMP_SEED = 1;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--kills", defaultValue = "20", paramLabel = "N",
            description = "Kills in all, shared out over load, reconstruct, report and run in turn (default ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Random seed of the kill moments (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tasks", defaultValue = "400000", paramLabel = "N",
            description = "Tasks of the dump 'phlogiston-bench load' generated (seed 1; default ${DEFAULT-VALUE}). The second "
                    + "dump, 97.5 % of N tasks with seed 2, is generated beside it unless an earlier campaign left it.")
    int tasks;

    @Mixin
    WorkDirectory workDir;

    @Spec
    CommandSpec spec;

    private final PrintStream out = System.out;

    /** The commands killed, in the order of the nightly run, so that each finds what it needs. */
    enum Step {
        LOAD, RECONSTRUCT, REPORT, RUN;

        List<String> arguments(Path dump) {
            return switch (this) {
                case LOAD -> List.of("load", "--dump", dump.toString(), "--force");
                case RECONSTRUCT -> List.of("reconstruct", "--scope", ReconstructBenchmark.SCOPE);
                case REPORT -> List.of("report", "--scope", ReconstructBenchmark.SCOPE);
                case RUN -> List.of("run", "--mode", "rerecon", "--scope", ReconstructBenchmark.SCOPE);
            };
        }

        boolean rebuildsHistory() {
            return this == RECONSTRUCT || this == RUN;
        }

        boolean publishes() {
            return this == REPORT || this == RUN;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private JdbcTemplate jdbc;
    private LoadHistory loads;
    private Path jar;
    private Path logs;
    private Path output;
    /**
     * How long each command took when it last ran to its end (a clean run, a rerun, or a run that ended before its
     * kill): the duration its kill moments are fractions of. The last one, since the machine's load changes.
     */
    private final Map<Step, Double> fullSeconds = new EnumMap<>(Step.class);
    /** The history a clean reconstruction gives, per dump (the source of its load). */
    private final Map<String, StoredState.History> completeHistory = new HashMap<>();
    /** The files of the complete reports the clean runs published. */
    private final Set<Set<String>> completeReports = new LinkedHashSet<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (kills < 1) {
            throw new ParameterException(spec.commandLine(), "--kills must be at least 1, not " + kills);
        }
        jar = Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0]).toAbsolutePath();
        Path scope = workDir.path().resolve("scopes").resolve(ReconstructBenchmark.SCOPE);
        Path dump = workDir.dump(tasks, DUMP_SEED);
        if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(dump) || !Files.isDirectory(scope)) {
            out.println("Needs the jar (run through bin/phlogiston-bench), the dump " + dump + " and the scope " + scope
                    + ": run 'phlogiston-bench load --tasks " + tasks + " --keep-dump' and 'phlogiston-bench reconstruct' "
                    + "with the same --work-dir first.");
            return 1;
        }
        Path otherDump = provideOtherDump();
        String started = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        logs = Files.createDirectories(workDir.path().resolve("kills").resolve("logs").resolve(started));
        output = workDir.path().resolve("kills").resolve("reports");
        printMachine(dump, otherDump);
        try (ConfigurableApplicationContext application = workDir.startApplication(WorkDirectory.AS_OF)) {
            jdbc = application.getBean(JdbcTemplate.class);
            loads = application.getBean(LoadHistory.class);
            if (!runClean(List.of(dump, otherDump))) {
                return 1;
            }
            Tally tally = new Tally();
            runCampaign(List.of(dump, otherDump), tally);
            tally.print(out);
            return tally.allHeld() ? 0 : 1;
        }
    }

    private Path provideOtherDump() throws IOException {
        int otherTasks = (int) Math.round(tasks * OTHER_DUMP_SHARE);
        Path other = workDir.dump(otherTasks, OTHER_DUMP_SEED);
        if (!Files.isRegularFile(other)) {
            long started = System.nanoTime();
            new SampleDumpGenerator(new SampleDumpGenerator.Settings(otherTasks, OTHER_DUMP_SEED, WorkDirectory.AS_OF))
                    .writeTo(other);
            out.printf("Generated the second dump %s in %.1f s%n", other, secondsSince(started));
        }
        return other;
    }

    private void printMachine(Path dump, Path otherDump) throws IOException {
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal"))
                .findFirst().orElse("MemTotal: unknown");
        out.printf("Kill campaign, %s UTC: %d kills, seed %d; %d cores, %s, load average %s%n",
                DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC).format(Instant.now().truncatedTo(ChronoUnit.SECONDS)), kills, seed,
                Runtime.getRuntime().availableProcessors(), memory.replaceAll("\\s+", " "),
                Files.readString(Path.of("/proc/loadavg")).strip());
        out.printf("Jar %s, Java %s; data %s; reports %s; logs %s%n", jar, System.getProperty("java.vm.version"),
                workDir.path().resolve("data"), output, logs);
        out.printf("Dumps, loaded in turn: %s (%,.0f MB) and %s (%,.0f MB)%n", dump.getFileName(), Files.size(dump) / MB,
                otherDump.getFileName(), Files.size(otherDump) / MB);
    }

    /**
     * The clean runs: how long each command takes (the kills are spread over that), the history a complete
     * reconstruction gives on each dump and the files of a complete report. Every check must hold after them.
     */
    private boolean runClean(List<Path> dumps) throws IOException, InterruptedException {
        out.println();
        out.println("Clean runs (reference states and durations):");
        int number = 0;
        for (Path dump : dumps) {
            for (Step step : Step.values()) {
                if (step == Step.RUN && dump != dumps.get(0)) {
                    continue;
                }
                number++;
                StoredState before = observe();
                Child child = Child.start(command(step, dump), logs.resolve("clean-%d-%s.log".formatted(number, step.label())));
                int exit = child.process().waitFor();
                double seconds = child.seconds();
                if (exit != 0) {
                    out.printf("  %s on %s: exit %d after %.1f s; see %s%n", step.label(), dump.getFileName(), exit, seconds,
                            child.log());
                    return false;
                }
                fullSeconds.put(step, seconds);
                StoredState after = observe();
                if (step.rebuildsHistory()) {
                    StoredState.History known = completeHistory.putIfAbsent(after.load().source(), after.history());
                    if (known != null && !after.history().completeFor(known, after.load().id())) {
                        out.printf("  %s on %s gave another history than the clean reconstruction: %s, not %s%n",
                                step.label(), dump.getFileName(), after.history(), known);
                        return false;
                    }
                }
                PublishedReport report = PublishedReport.read(output, ReconstructBenchmark.SCOPE);
                if (step.publishes()) {
                    completeReports.add(report.files());
                }
                Findings findings = check(step, before, null, true);
                out.printf("  %-12s on %s: %6.1f s; %s%n", step.label(), dump.getFileName(), seconds,
                        findings.clean() ? describe(after, report) : findings);
                if (!findings.clean()) {
                    return false;
                }
            }
        }
        return true;
    }

    private String describe(StoredState state, PublishedReport report) {
        return "load #%d (%,d tasks), history %s, report %s".formatted(state.load().id(),
                state.load().recorded().get("maniphest_task"), state.history(),
                report.version() == null ? "none" : report.version() + " (" + report.files().size() + " files)");
    }

    /** A kill at this fraction of the command's duration. */
    private record Planned(Step step, double fraction) {
    }

    /** The kill moments of each command spread over its whole duration: one in each equal slice, in random order. */
    private Deque<Planned> plan(Random random) {
        Step[] steps = Step.values();
        Map<Step, List<Double>> moments = new EnumMap<>(Step.class);
        for (int i = 0; i < steps.length; i++) {
            int count = kills / steps.length + (i < kills % steps.length ? 1 : 0);
            List<Double> slices = new ArrayList<>();
            for (int slice = 0; slice < count; slice++) {
                slices.add((slice + random.nextDouble()) / count);
            }
            Collections.shuffle(slices, random);
            moments.put(steps[i], slices);
        }
        Deque<Planned> plan = new ArrayDeque<>();
        for (int round = 0; plan.size() < kills; round++) {
            for (Step step : steps) {
                if (round < moments.get(step).size()) {
                    plan.add(new Planned(step, moments.get(step).get(round)));
                }
            }
        }
        return plan;
    }

    private void runCampaign(List<Path> dumps, Tally tally) throws IOException, InterruptedException {
        Random random = new Random(seed);
        Deque<Planned> plan = plan(random);
        out.println();
        out.println("| # | command | killed at | running at the kill | after the kill | left running | rerun | after the rerun |");
        out.println("|---:|---|---:|---|---|---|---:|---|");
        int attempt = 0;
        while (!plan.isEmpty() && attempt < 2 * kills) {
            Planned planned = plan.poll();
            attempt++;
            // each load takes the dump that is not live, so that the two loads' counts differ
            Path dump = planned.step() == Step.LOAD && observe().load().source().equals(dumps.get(0).toString())
                    ? dumps.get(1) : dumps.get(0);
            Kill kill = kill(attempt, planned, dump);
            if (kill == null) {
                plan.addFirst(planned); // at the same fraction of the shorter duration just seen
                continue;
            }
            tally.add(kill);
            out.println(kill.row(attempt));
        }
    }

    /** One kill and its rerun; null when the command ended before its moment came. */
    private Kill kill(int number, Planned planned, Path dump) throws IOException, InterruptedException {
        Step step = planned.step();
        double duration = fullSeconds.get(step);
        double moment = planned.fraction() * duration;
        StoredState before = observe();
        PublishedReport reportBefore = PublishedReport.read(output, ReconstructBenchmark.SCOPE);
        Child child = Child.start(command(step, dump), logs.resolve("%02d-%s-killed.log".formatted(number, step.label())));
        if (child.process().waitFor(Math.round(moment * 1000), TimeUnit.MILLISECONDS)) {
            out.printf("| %d | %s | — | ended (exit %d) after %.1f s, before its kill at %.1f s: tried again | | | | |%n",
                    number, step.label(), child.process().exitValue(), child.seconds(), moment);
            if (child.process().exitValue() == 0) {
                fullSeconds.put(step, child.seconds());
            }
            return null;
        }
        List<StoredState.Statement> running = StoredState.running(jdbc);
        String lastLogLine = child.lastLogLine();
        child.process().destroyForcibly();
        child.process().waitFor();
        double killedAt = child.seconds();
        Leftovers leftovers = new Leftovers(running.stream().map(StoredState.Statement::pid).toList(), System.nanoTime());
        Findings afterKill = check(step, before, reportBefore, false);
        leftovers.poll(jdbc);
        Child rerun = Child.start(command(step, dump), logs.resolve("%02d-%s-rerun.log".formatted(number, step.label())));
        while (!rerun.process().waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            leftovers.poll(jdbc);
        }
        int exit = rerun.process().exitValue();
        double rerunSeconds = rerun.seconds();
        if (exit == 0) {
            fullSeconds.put(step, rerunSeconds);
        }
        leftovers.poll(jdbc);
        Findings afterRerun = exit == 0 ? check(step, before, reportBefore, true) : check(step, before, reportBefore, false);
        return new Kill(step, dump.getFileName().toString(), killedAt, duration, running, lastLogLine, afterKill,
                leftovers, exit, rerunSeconds, afterRerun);
    }

    /**
     * The checks. After a kill (or a failed rerun) the history may be as before or complete; after a rerun that
     * succeeded it must be what that command leaves, and a command that publishes must have published a new version.
     */
    private Findings check(Step step, StoredState before, PublishedReport reportBefore, boolean completed) {
        StoredState now = observe();
        List<String> halfChanged = new ArrayList<>(now.load().problems());
        StoredState.History complete = completeHistory.get(now.load().source());
        boolean isComplete = complete != null && now.history().completeFor(complete, now.load().id());
        boolean asBefore = now.history().sameAs(before.history());
        boolean historyHolds = completed ? (step.rebuildsHistory() ? isComplete : asBefore) : asBefore || isComplete;
        if (!historyHolds) {
            halfChanged.add("history %s; before %s; complete on load #%d: %s".formatted(now.history(), before.history(),
                    now.load().id(), complete));
        }
        if (completed && step == Step.LOAD && now.load().id() == before.load().id()) {
            halfChanged.add("no new load is live after the load succeeded");
        }
        PublishedReport report = PublishedReport.read(output, ReconstructBenchmark.SCOPE);
        // before the clean runs publish the campaign's first report there is nothing to check
        List<String> incomplete = new ArrayList<>(completeReports.isEmpty() ? List.of() : report.problemsAgainst(completeReports));
        if (completed && step.publishes() && reportBefore != null && String.valueOf(report.version()).equals(reportBefore.version())) {
            incomplete.add("still version " + report.version() + " after the report succeeded");
        }
        return new Findings(halfChanged, incomplete, report.drafts(), now.load().stagingLeft());
    }

    private StoredState observe() {
        return StoredState.read(jdbc, loads, ReconstructBenchmark.SCOPE);
    }

    private List<String> command(Step step, Path dump) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                CHILD_HEAP, "-jar", jar.toString(), "--data-dir", workDir.path().resolve("data").toString(),
                "--scopes-dir", workDir.path().resolve("scopes").toString(), "--output-dir", output.toString(),
                "--as-of", WorkDirectory.AS_OF.toString()));
        command.addAll(step.arguments(dump));
        return command;
    }

    /** A Phlogiston command in its own JVM, its output in a log file. */
    private record Child(Process process, long startedNanos, Path log) {

        static Child start(List<String> command, Path log) throws IOException {
            // the start time first: the command logs nothing until its application has started, which takes a while
            Files.writeString(log, "%s started %s%n".formatted(String.join(" ", command), Instant.now()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // the child must use the embedded server of the data directory, whatever the environment says
            builder.environment().keySet().removeIf(name -> name.startsWith("PHLOGISTON_"));
            return new Child(builder.start(), System.nanoTime(), log);
        }

        double seconds() {
            return secondsSince(startedNanos);
        }

        /** What the command said last: the stage it was in when there was no statement to show. */
        String lastLogLine() {
            try (Stream<String> lines = Files.lines(log)) {
                return lines.skip(1).filter(line -> !line.isBlank()).reduce((first, second) -> second)
                        .orElse("(nothing logged yet)");
            } catch (IOException | UncheckedIOException e) {
                return "(log unreadable)";
            }
        }
    }

    /** The statements the killed command had running, and when the last of their backends went away. */
    private static final class Leftovers {

        private final List<Integer> pids;
        private final long killedNanos;
        private int atFirstLook = -1;
        private double goneAfter = -1;

        Leftovers(List<Integer> pids, long killedNanos) {
            this.pids = pids;
            this.killedNanos = killedNanos;
        }

        void poll(JdbcTemplate jdbc) {
            if (goneAfter >= 0) {
                return;
            }
            int there = pids.isEmpty() ? 0 : StoredState.stillThere(jdbc, pids);
            if (atFirstLook < 0) {
                atFirstLook = there;
            }
            if (there == 0) {
                goneAfter = secondsSince(killedNanos);
            }
        }

        String describe() {
            if (pids.isEmpty()) {
                return "none";
            }
            if (atFirstLook == 0) {
                return "ended with the client";
            }
            return "%d of %d, %s".formatted(atFirstLook, pids.size(),
                    goneAfter < 0 ? "still running after the rerun" : "gone %.1f s after the kill".formatted(goneAfter));
        }
    }

    private record Findings(List<String> halfChanged, List<String> incomplete, int drafts, boolean stagingLeft) {

        boolean clean() {
            return halfChanged.isEmpty() && incomplete.isEmpty();
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            halfChanged.forEach(problem -> parts.add("HALF-CHANGED: " + problem));
            incomplete.forEach(problem -> parts.add("INCOMPLETE: " + problem));
            String notes = Stream.of(stagingLeft ? "staging schema left" : "", drafts > 0 ? drafts + " draft(s) left" : "")
                    .filter(note -> !note.isEmpty()).collect(Collectors.joining(", "));
            return (parts.isEmpty() ? "ok" : String.join("; ", parts)) + (notes.isEmpty() ? "" : " (" + notes + ")");
        }
    }

    private record Kill(Step step, String dump, double killedAt, double fullSeconds, List<StoredState.Statement> running,
                        String lastLogLine, Findings afterKill, Leftovers leftovers, int rerunExit, double rerunSeconds,
                        Findings afterRerun) {

        boolean refused() {
            return rerunExit == LOCK_HELD;
        }

        String row(int number) {
            String command = step == Step.LOAD ? "load " + dump.replaceAll("^bench-|-as-of-.*$", "") : step.label();
            String statement = running.isEmpty() ? "no statement; last log: " + lastLogLine.strip()
                    : running.get(0).describe(70) + (running.size() > 1 ? " +%d more".formatted(running.size() - 1) : "");
            return "| %d | %s | %.1f of ~%.0f s | %s | %s | %s | exit %d, %.1f s | %s |".formatted(number, command, killedAt,
                    fullSeconds, cell(statement), cell(afterKill.toString()), leftovers.describe(), rerunExit, rerunSeconds,
                    cell(afterRerun.toString()));
        }

        private static String cell(String text) {
            return text.replace("|", "\\|");
        }
    }

    /** The figures of the whole campaign. */
    private static final class Tally {

        private final List<Kill> kills = new ArrayList<>();

        void add(Kill kill) {
            kills.add(kill);
        }

        private long count(Predicate<Kill> which) {
            return kills.stream().filter(which).count();
        }

        boolean allHeld() {
            return count(k -> !k.afterKill().clean() || !k.afterRerun().clean() || k.rerunExit() != 0) == 0;
        }

        void print(PrintStream out) {
            out.println();
            Map<Step, Long> perStep = kills.stream().collect(Collectors.groupingBy(Kill::step, () -> new EnumMap<>(Step.class),
                    Collectors.counting()));
            out.printf("Kills: %d (%s)%n", kills.size(), perStep.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", ")));
            out.printf("Killed while the database ran a statement for the command: %d (%d at work, not waiting for the "
                            + "client); statements still running when the checks after the kill were done: %d%n",
                    count(k -> !k.running().isEmpty()), count(k -> !k.running().isEmpty() && k.running().get(0).atWork()),
                    count(k -> k.leftovers().atFirstLook > 0));
            out.printf("Half-changed data: %d (after the kill %d, after the rerun %d)%n",
                    count(k -> !k.afterKill().halfChanged().isEmpty() || !k.afterRerun().halfChanged().isEmpty()),
                    count(k -> !k.afterKill().halfChanged().isEmpty()), count(k -> !k.afterRerun().halfChanged().isEmpty()));
            out.printf("Incomplete published reports: %d (after the kill %d, after the rerun %d)%n",
                    count(k -> !k.afterKill().incomplete().isEmpty() || !k.afterRerun().incomplete().isEmpty()),
                    count(k -> !k.afterKill().incomplete().isEmpty()), count(k -> !k.afterRerun().incomplete().isEmpty()));
            out.printf("Refused reruns (exit %d): %d; other failed reruns: %d%n", LOCK_HELD, count(Kill::refused),
                    count(k -> k.rerunExit() != 0 && !k.refused()));
            for (Step step : Step.values()) {
                List<Double> reruns = kills.stream().filter(k -> k.step() == step).map(Kill::rerunSeconds).sorted().toList();
                if (!reruns.isEmpty()) {
                    out.printf("Rerun of %-12s %.1f–%.1f s (median %.1f s)%n", step.label() + ":",
                            reruns.get(0), reruns.get(reruns.size() - 1), reruns.get(reruns.size() / 2));
                }
            }
        }
    }

    private static double secondsSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
