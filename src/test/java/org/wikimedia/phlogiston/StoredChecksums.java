package org.wikimedia.phlogiston;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fingerprints of what Phlogiston stores, for tests that show a command changed nothing: compare the maps taken
 * before and after it.
 */
public final class StoredChecksums {

    private StoredChecksums() {
    }

    /**
     * Per table of the database's current schema: its row count and the sum of a 64-bit hash of each row (rows are
     * a set: the sum needs no sort, so that a test can afford it before and after every command).
     */
    public static Map<String, String> ofTables(JdbcTemplate jdbc) {
        Map<String, String> checksums = new TreeMap<>();
        for (String table : jdbc.queryForList("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'", String.class)) {
            checksums.put(table, jdbc.queryForObject("SELECT count(*) || ' ' || coalesce(sum(hashtextextended(t::text, 0)::numeric), 0) "
                    + "FROM " + table + " t", String.class));
        }
        return checksums;
    }

    /** Per entry of the folder: the digest of a file, or where a link points. */
    public static Map<String, String> ofFolder(Path folder) {
        Map<String, String> checksums = new TreeMap<>();
        try (Stream<Path> entries = Files.walk(folder)) {
            for (Path entry : entries.toList()) {
                String name = folder.relativize(entry).toString();
                if (Files.isSymbolicLink(entry)) {
                    checksums.put(name, "-> " + Files.readSymbolicLink(entry));
                } else if (Files.isRegularFile(entry)) {
                    checksums.put(name, HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(entry))));
                } else {
                    checksums.put(name, "folder");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return checksums;
    }
}
