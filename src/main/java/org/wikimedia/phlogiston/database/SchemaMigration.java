package org.wikimedia.phlogiston.database;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Flyway's migration, left out when the schema is current: every command starts the application, and a schema that
 * has every migration of this build, each with the checksum of its file, needs no migration. Telling so takes one
 * query and a read of the migration files; Flyway's own check (its scan, lock, validation) takes about a tenth of a
 * second more. Anything else (a new migration, an edited one, a failed one, a migration this build does not have)
 * goes to Flyway, which migrates or says what is wrong as before.
 */
@Configuration(proxyBeanMethods = false)
public class SchemaMigration {

    @Bean
    FlywayMigrationStrategy migrateUnlessCurrent() {
        return flyway -> {
            if (!isCurrent(flyway)) {
                flyway.migrate();
            }
        };
    }

    /** Whether the database has exactly this build's migrations, successfully applied, with their checksums. */
    public static boolean isCurrent(Flyway flyway) {
        org.flywaydb.core.api.configuration.Configuration configuration = flyway.getConfiguration();
        Map<String, Integer> packaged = packagedChecksums(configuration.getLocations());
        if (packaged.isEmpty()) {
            return false;
        }
        JdbcTemplate jdbc = new JdbcTemplate(configuration.getDataSource());
        String table = configuration.getTable();
        if (jdbc.queryForObject(SqlFiles.read("sql/database/table_missing.sql"), Boolean.class, table)) {
            return false;
        }
        // A repeatable migration is applied again whenever its file changes: its last application counts. A failed
        // one has no checksum here, so that it never counts as applied.
        Map<String, Integer> applied = new HashMap<>();
        jdbc.query("SELECT script, checksum, success FROM " + table + " WHERE type = 'SQL' ORDER BY installed_rank",
                row -> {
                    applied.put(row.getString("script"), row.getBoolean("success") ? row.getInt("checksum") : null);
                });
        return applied.equals(packaged);
    }

    /** The checksum of each migration file of these locations, by file name; empty when one is not on the class path. */
    static Map<String, Integer> packagedChecksums(Location[] locations) {
        Map<String, Integer> checksums = new HashMap<>();
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(SchemaMigration.class.getClassLoader());
        try {
            for (Location location : locations) {
                if (!location.isClassPath()) {
                    return Map.of();
                }
                for (Resource file : resolver.getResources("classpath*:" + location.getRootPath() + "/*.sql")) {
                    checksums.put(file.getFilename(), checksum(file));
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return checksums;
    }

    /** Flyway's checksum of a migration file: CRC-32 of its lines in UTF-8, without line ends or byte-order mark. */
    static int checksum(Resource file) throws IOException {
        CRC32 crc = new CRC32();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (; line != null; line = lines.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return (int) crc.getValue();
    }
}
