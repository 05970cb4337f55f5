package org.wikimedia.phlogiston.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Option;

import org.wikimedia.phlogiston.PhlogistonApplication;
import org.wikimedia.phlogiston.sampledata.SampleDumpGenerator;

/** The benchmarks' work directory (dump, data directory, scopes), and the application started on it. */
final class WorkDirectory {

    private static final double MB = 1 << 20;

    @Option(names = "--work-dir", defaultValue = "${env:PHLOGISTON_BENCH_DIR:-/work/bench-data}", paramLabel = "DIR",
            description = "Holds the dump, the data directory (embedded database) and the scope of the benchmarks; "
                    + "default $PHLOGISTON_BENCH_DIR, else /work/bench-data (now ${DEFAULT-VALUE}).")
    Path dir;

    /** The as-of day of the benchmarks' dumps and runs, so that the same settings give the same data. */
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);

    Path path() {
        return dir.toAbsolutePath();
    }

    /** Where the dump generated with these settings is kept between runs. */
    Path dump(int tasks, long seed) {
        return dump("bench", tasks, seed, AS_OF);
    }

    /** Where the dump of a benchmark ({@code name}) generated with these settings, as of that day, is kept between runs. */
    Path dump(String name, int tasks, long seed, LocalDate dumpDate) {
        return path().resolve("%s-%d-tasks-seed-%d-as-of-%s.dump".formatted(name, tasks, seed, dumpDate));
    }

    /** Generates the dump into the file; with {@code keep}, keeps the one an earlier run generated there instead. */
    static void provideDump(Path file, SampleDumpGenerator.Settings settings, boolean keep, PrintStream out)
            throws IOException {
        if (keep && Files.isRegularFile(file)) {
            out.printf("Dump:           %s, %,.1f MB, kept from an earlier run%n", file, Files.size(file) / MB);
            return;
        }
        long started = System.nanoTime();
        SampleDumpGenerator.Result generated = new SampleDumpGenerator(settings).writeTo(file);
        out.printf("Dump:           %s, %,.1f MB, %,d tasks, %,d transactions, generated in %,.1f s%n", file,
                generated.bytes() / MB, generated.tasks(), generated.transactions(), (System.nanoTime() - started) / 1e9);
    }

    /** The application as of the day, on the scopes of {@code scopesDir}, writing reports into {@code <dir>/reports}. */
    ConfigurableApplicationContext startOnScopes(LocalDate asOf, Path scopesDir) {
        return startApplication(asOf, "--phlogiston.scopes-dir=" + scopesDir,
                "--phlogiston.output-dir=" + path().resolve("reports"));
    }

    /**
     * The application on {@code <dir>/data} as of the given day. An empty db.url forces the embedded server: a
     * benchmark replaces live tables, and a PHLOGISTON_DB_URL left in the environment must never get its data.
     */
    ConfigurableApplicationContext startApplication(LocalDate asOf, String... settings) {
        SpringApplication application = new SpringApplication(PhlogistonApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        String[] arguments = new String[settings.length + 3];
        arguments[0] = "--phlogiston.data-dir=" + path().resolve("data");
        arguments[1] = "--phlogiston.as-of=" + asOf;
        arguments[2] = "--phlogiston.db.url=";
        System.arraycopy(settings, 0, arguments, 3, settings.length);
        return application.run(arguments);
    }
}
