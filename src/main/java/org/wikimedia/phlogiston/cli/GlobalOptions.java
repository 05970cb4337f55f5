package org.wikimedia.phlogiston.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts, before or after its name. Each one overrides the setting of the same name in
 * application.yml or the environment ({@code PHLOGISTON_DB_URL}, {@code PHLOGISTON_DATA_DIR}, ...).
 */
public class GlobalOptions {

    @Option(names = "--db-url", scope = ScopeType.INHERIT, paramLabel = "JDBC-URL", converter = OptionValues.JdbcUrl.class,
            description = "Use this PostgreSQL server instead of the embedded one (env PHLOGISTON_DB_URL).")
    String dbUrl;

    @Option(names = "--db-user", scope = ScopeType.INHERIT, paramLabel = "USER",
            description = "Database user (env PHLOGISTON_DB_USER; default postgres).")
    String dbUser;

    @Option(names = "--db-password", scope = ScopeType.INHERIT, paramLabel = "PASSWORD", interactive = false,
            description = "Database password (env PHLOGISTON_DB_PASSWORD).")
    String dbPassword;

    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where the embedded database and downloaded dumps live (default ~/.local/share/phlogiston).")
    Path dataDir;

    @Option(names = "--scopes-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "The folder with one sub-folder per scope (default ./scopes).")
    Path scopesDir;

    @Option(names = {"--output-dir", "--output"}, scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where reports are published (default <data-dir>/reports).")
    Path outputDir;

    @Option(names = "--as-of", scope = ScopeType.INHERIT, paramLabel = "YYYY-MM-DD",
            description = "Compute as if today were this date (noon, in the configured time zone).")
    LocalDate asOf;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "An extra application.yml or .properties file with settings.")
    Path config;

    /** The options given, as Spring command-line arguments, which take precedence over every other source. */
    List<String> asSpringArguments() {
        List<String> arguments = new ArrayList<>();
        add(arguments, "phlogiston.db.url", dbUrl);
        add(arguments, "phlogiston.db.user", dbUser);
        add(arguments, "phlogiston.db.password", dbPassword);
        add(arguments, "phlogiston.data-dir", dataDir == null ? null : dataDir.toAbsolutePath());
        add(arguments, "phlogiston.scopes-dir", scopesDir == null ? null : scopesDir.toAbsolutePath());
        add(arguments, "phlogiston.output-dir", outputDir == null ? null : outputDir.toAbsolutePath());
        add(arguments, "phlogiston.as-of", asOf);
        add(arguments, "spring.config.additional-location", config == null ? null : "file:" + config.toAbsolutePath());
        return arguments;
    }

    private static void add(List<String> arguments, String property, Object value) {
        if (value != null) {
            arguments.add("--" + property + "=" + value);
        }
    }
}
