package org.wikimedia.phlogiston;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Everything an operator can configure, under the prefix {@code phlogiston.} in application.yml,
 * as environment variables ({@code PHLOGISTON_DB_URL}) or through the global command-line options.
 */
@ConfigurationProperties("phlogiston")
public record PhlogistonProperties(
        Path dataDir,
        Path scopesDir,
        Path outputDir,
        LocalDate asOf,
        ZoneId timeZone,
        URI phabricatorUrl,
        Database db,
        Embedded embedded,
        Dump dump,
        SpecialTags specialTags,
        Publish publish) {

    public PhlogistonProperties {
        // PostgreSQL reads "+02:00" or "GMT+2" as POSIX zones, east of UTC being negative: day boundaries in SQL
        // would then be four hours away from those computed here. Region ids mean the same to both.
        if (timeZone.normalized() instanceof ZoneOffset offset && !offset.equals(ZoneOffset.UTC)) {
            throw new IllegalArgumentException("phlogiston.time-zone must be a region such as Europe/Berlin or UTC, not the offset "
                    + timeZone.getId());
        }
    }

    /**
     * Where the data lives: an existing server when {@code url} is set, else the database {@code embeddedDatabase} of
     * the embedded one.
     */
    public record Database(String url, String user, String password, String embeddedDatabase) {

        private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

        public Database {
            if (embeddedDatabase == null || !DATABASE_NAME.matcher(embeddedDatabase).matches()) {
                throw new IllegalArgumentException("phlogiston.db.embedded-database must be 1 to 63 lowercase letters, digits "
                        + "or underscores, not starting with a digit; it is '" + embeddedDatabase + "'");
            }
        }

        public boolean isEmbedded() {
            return url == null || url.isBlank();
        }
    }

    /**
     * The embedded server: how long it keeps running after the last process using it has left, so that the next
     * command finds it started; zero stops it at once.
     */
    public record Embedded(Duration linger) {
        public Embedded {
            if (linger == null || linger.isNegative()) {
                throw new IllegalArgumentException("phlogiston.embedded.linger must be a duration of zero or more (10m, 0), not " + linger);
            }
        }
    }

    /** Where dumps come from and what makes one acceptable. */
    public record Dump(URI sourceUrl, DataSize maxSize, double minTaskRatio, int defectSamples) {
    }

    /** Wikimedia's global tags that reports treat specially; a deployment may use other ids. */
    public record SpecialTags(int epic, int newFunctionality, int maintenance, int category, int goal) {
    }

    /** How many versions of each scope's report stay on disk, the current one included (for rollback). */
    public record Publish(int keepVersions) {
        public Publish {
            if (keepVersions < 1) {
                throw new IllegalArgumentException(
                        "phlogiston.publish.keep-versions must be at least 1 (the current version), not " + keepVersions);
            }
        }
    }

    public Path dumpDir() {
        return dataDir.resolve("dumps");
    }
}
