package org.wikimedia.phlogiston.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.wikimedia.phlogiston.PhlogistonProperties;
import org.wikimedia.phlogiston.benchmark.conduit.ChangedTasks;
import org.wikimedia.phlogiston.benchmark.conduit.DumpAsConduit;
import org.wikimedia.phlogiston.benchmark.conduit.LoadFetch;
import org.wikimedia.phlogiston.benchmark.conduit.TestConduitServer;
import org.wikimedia.phlogiston.conduit.ConduitReader;
import org.wikimedia.phlogiston.database.SqlFiles;
import org.wikimedia.phlogiston.dump.DumpFetcher;
import org.wikimedia.phlogiston.dump.DumpLoader;
import org.wikimedia.phlogiston.dump.LoadOutcome;
import org.wikimedia.phlogiston.sampledata.SampleDumpGenerator;
import org.wikimedia.phlogiston.scope.ScopeFiles;

/**
 * {@code phlogiston-bench conduit}: what {@code load --source conduit} costs in requests. First the sample
 * ({@code load --dump sample}'s dump) served by a Conduit server on localhost, fetched in full by the real load
 * command. Then one day's changes on a 400,000-task install: the night benchmark's dump of the day served the same
 * way, read with the queries an incremental load sends after a fetch of the day before was published (the tasks
 * modified since that day began, less the overlap), and the requests a full first fetch of it would make, counted
 * from the dump's shape.
 */
@Command(name = "conduit",
        description = {"What load --source conduit costs in requests: a full fetch of the sample through the load command, "
                    + "one day's changes on a 400,000-task install (measured), and its full first fetch (counted)."})
public final class ConduitBenchmark implements Callable<Integer> {

    private static final String TOKEN = "api-benchmarkbenchmarkbenchmark1";
    /** phlogiston.conduit.request-interval's default, 500 ms: 2 requests a second. */
    private static final double DEFAULT_REQUESTS_PER_SECOND = 2;
    /** The sample's load runs the day after the sample ends, so that every task is in the past. */
    private static final LocalDate SAMPLE_LOAD_DAY = DumpFetcher.SAMPLE_SETTINGS.asOf().plusDays(1);

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--tasks", defaultValue = "400000", paramLabel = "N",
            description = "Tasks of the install, as the night benchmark's dumps have them (default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Random seed of the night benchmark's dumps (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--install-dump", paramLabel = "FILE",
            description = "The install on the day of the fetch: the night benchmark's second dump "
                    + "(night-400000-tasks-seed-1-as-of-2019-07-02.dump); default the one in "
                    + "the work directory, generated (with the Wikimedia scopes' projects) if absent.")
    Path installDump;

    @Option(names = "--wikimedia-scopes", paramLabel = "DIR",
            defaultValue = "${sys:phlogiston-bench.checkout:-.}/src/test/resources/reference/wikimedia-scopes",
            description = "The Wikimedia scope files, for generating the install's dump (now ${DEFAULT-VALUE}).")
    Path wikimediaScopes;

    @Mixin
    WorkDirectory workDir;

    private final PrintStream out = System.out;
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws IOException {
        out.printf("Conduit benchmark: %d cores, max heap %,d MB, load average %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, loadAverage());
        Path tokenFile = Files.createDirectories(workDir.path()).resolve("conduit-token");
        Files.writeString(tokenFile, TOKEN);
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        PhlogistonProperties.Conduit settings;
        try (TestConduitServer server = new TestConduitServer(TOKEN);
             ConfigurableApplicationContext application = workDir.startApplication(SAMPLE_LOAD_DAY, "--phlogiston.source=conduit",
                         "--phlogiston.conduit.url=" + server.url(), "--phlogiston.conduit.token-file=" + tokenFile,
                         "--phlogiston.conduit.request-interval=0ms")) {
            ByteArrayOutputStream sample = new ByteArrayOutputStream();
            new SampleDumpGenerator(DumpFetcher.SAMPLE_SETTINGS).writeTo(sample);
            new DumpAsConduit(sample.toByteArray()).serveOn(server);
            settings = application.getBean(PhlogistonProperties.class).conduit();
            if (!measureSampleLoad(application, server)) {
                return 1;
            }
        }
        measureOneDay(settings);
        out.printf("Load average at the end: %s%n", loadAverage());
        return 0;
    }

    /** The sample's first, full fetch through the load command, no pacing. */
    private boolean measureSampleLoad(ConfigurableApplicationContext application, TestConduitServer server) {
        long started = System.nanoTime();
        LoadOutcome load = application.getBean(DumpLoader.class).load(null, false);
        double seconds = secondsSince(started);
        if (!load.succeeded()) {
            System.err.println("The load of the sample through Conduit did not succeed: " + load.summary());
            return false;
        }
        Map<String, Object> fetch = application.getBean(JdbcTemplate.class)
                .queryForMap(SqlFiles.statement(StoredState.SQL, "last_conduit_fetch"));
        out.printf("Sample (%,d tasks, seed %d), a first full fetch through load --source conduit (measured; modified_since %s):%n",
                DumpFetcher.SAMPLE_SETTINGS.tasks(), DumpFetcher.SAMPLE_SETTINGS.seed(), fetch.get("modified_since"));
        printCost(server.requestsByMethod(), (Long) fetch.get("tasks_fetched"), (Long) fetch.get("transactions_fetched"));
        out.printf("  load (fetch, compose, stage, check, publish), no pacing: %,.1f s%n", seconds);
        return true;
    }

    /**
     * One day's changes on the install: the state before is a fetch of the day before published when that day began
     * (the dump of the day before holds every change until then), so the next load asks for the tasks modified since
     * then, less the overlap. Measured with the load's reader and queries against the install, not through the load
     * command: the load would also compose, stage and publish the 400,000 tasks of its mirror, which is the dump load's
     * time (phlogiston-bench night); and a mirror of 400,000 tasks would first need a full fetch (counted below).
     */
    private void measureOneDay(PhlogistonProperties.Conduit settings) throws IOException {
        Path dump = installDump();
        Instant dayBefore = NightBenchmark.AS_OF.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant since = dayBefore.minus(settings.overlap());
        long started = System.nanoTime();
        ChangedTasks install;
        try (InputStream in = Files.newInputStream(dump)) {
            install = DumpAsConduit.parse(in, new ChangedTasks(since));
        }
        out.printf("Install: %s read in %,.1f s; served: every project and column, the tasks modified since %s with "
                + "their transactions (no other task is asked for)%n", dump, secondsSince(started), since);
        try (TestConduitServer server = new TestConduitServer(TOKEN)) {
            new DumpAsConduit(install.rows()).serveOn(server);
            ConduitReader reader = new ConduitReader(server.client(TOKEN), json, settings.pageSize());
            ConduitReader.TaskQuery query = new ConduitReader.TaskQuery(since, null);
            started = System.nanoTime();
            List<ConduitReader.FetchedTask> fetched = LoadFetch.fetch(reader, query);
            double seconds = secondsSince(started);
            out.printf("One day's changes on the %,d-task install (measured: the queries of load --source conduit after a "
                    + "fetch of %s was published at %s; overlap %s):%n", install.servedTasks(), NightBenchmark.AS_OF, dayBefore,
                    settings.overlap());
            printCost(server.requestsByMethod(), fetched.size(),
                    fetched.stream().mapToLong(ConduitReader.FetchedTask::transactions).sum());
            out.printf("  fetch, no pacing: %,.1f s%n", seconds);
        }
        out.printf("A full first fetch of the %,d-task install (counted from the dump's shape, not measured; pages of %d):%n",
                install.servedTasks(), settings.pageSize());
        printCost(install.fullFetchRequests(settings.pageSize()), install.servedTasks(), install.servedTransactions());
    }

    private Path installDump() throws IOException {
        if (installDump != null) {
            return installDump;
        }
        Path dump = workDir.dump(NightBenchmark.NAME, tasks, seed, NightBenchmark.NIGHT);
        if (!Files.isRegularFile(dump)) {
            Path scopesDir = NightBenchmark.scopesDir(workDir);
            ScopeFiles scopes = new ScopeFiles(scopesDir);
            var wanted = WikimediaScopeFiles.projectsNamedBy(scopes, WikimediaScopeFiles.copyInto(wikimediaScopes, scopesDir));
            WorkDirectory.provideDump(dump, new SampleDumpGenerator.Settings(tasks, seed, NightBenchmark.AS_OF, wanted, 1), false, out);
        }
        return dump;
    }

    private void printCost(Map<String, Long> requestsByMethod, long fetchedTasks, long fetchedTransactions) {
        long requests = requestsByMethod.values().stream().mapToLong(Long::longValue).sum();
        out.printf("  %,d tasks, %,d transactions; %,d requests:%n", fetchedTasks, fetchedTransactions, requests);
        requestsByMethod.forEach((method, count) -> out.printf("    %-30s %,10d%n", method, count));
        Duration paced = Duration.ofSeconds(Math.round(requests / DEFAULT_REQUESTS_PER_SECOND));
        out.printf("  at the default rate (%.0f requests/s): %s%n", DEFAULT_REQUESTS_PER_SECOND, words(paced));
    }

    private static String words(Duration duration) {
        return duration.toHours() > 0 ? "%d h %02d min".formatted(duration.toHours(), duration.toMinutesPart())
                : "%d min %02d s".formatted(duration.toMinutes(), duration.toSecondsPart());
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static double secondsSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
