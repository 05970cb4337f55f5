package org.wikimedia.phlogiston.benchmark;

import java.nio.file.Path;
import java.time.LocalDate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Option;

import org.wikimedia.phlogiston.PhlogistonApplication;

/** The benchmarks' work directory (dump, data directory, scopes), and the application started on it. */
final class WorkDirectory {

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
        return path().resolve("bench-%d-tasks-seed-%d-as-of-%s.dump".formatted(tasks, seed, AS_OF));
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
