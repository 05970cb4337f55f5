package org.wikimedia.phlogiston;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
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
        Publish publish,
        String source,
        Conduit conduit) {

    /** {@code phlogiston.source}: what {@code load} without {@code --source} and {@code run --load true} load from. */
    public static final String DUMP_SOURCE = "dump";
    public static final String CONDUIT_SOURCE = "conduit";

    public PhlogistonProperties {
        if (!DUMP_SOURCE.equals(source) && !CONDUIT_SOURCE.equals(source)) {
            throw new IllegalArgumentException("phlogiston.source must be " + DUMP_SOURCE + " or " + CONDUIT_SOURCE + ", not " + source);
        }
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

    /**
     * The live source: a Phabricator or Phorge install read through Conduit ({@code phlogiston load --source conduit}).
     * {@code url} and the token (from {@code tokenFile}, else the environment) are needed only when it is used;
     * {@code projects} names the projects whose tasks are fetched (none: every task).
     */
    public record Conduit(URI url, Path tokenFile, List<String> projects, Duration requestInterval, int pageSize,
                          Duration overlap, Duration connectTimeout, Duration requestTimeout, int attempts,
                          Duration firstBackoff, Duration maxBackoff) {
        public Conduit {
            projects = projects == null ? List.of() : List.copyOf(projects);
            if (pageSize < 1 || pageSize > 100) {
                throw new IllegalArgumentException("phlogiston.conduit.page-size must be 1 to 100 (Conduit's largest page), not " + pageSize);
            }
            if (attempts < 1) {
                throw new IllegalArgumentException("phlogiston.conduit.attempts must be at least 1, not " + attempts);
            }
            if (overlap.isNegative()) {
                throw new IllegalArgumentException("phlogiston.conduit.overlap must be zero or more, not " + overlap);
            }
        }

        /** The install's address, or null when none is set. */
        public URI url() {
            return url == null || url.toString().isBlank() ? null : url;
        }
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
