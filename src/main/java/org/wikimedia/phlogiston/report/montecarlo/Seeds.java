package org.wikimedia.phlogiston.report.montecarlo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;

import org.wikimedia.phlogiston.report.forecast.Measure;

/**
 * The seed of a forecast's trials: the first 8 bytes of the SHA-256 of scope, category, measure and as-of date,
 * each preceded by its length so that no two different inputs are the same bytes. Unlike a String hash code it
 * does not collide for similar titles, and it is the same in every Java version.
 */
final class Seeds {

    private Seeds() {
    }

    static long of(String scope, String category, Measure measure, LocalDate asOf) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {scope, category, measure.fileName(), asOf.toString()}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
                sha256.update(bytes);
            }
            return ByteBuffer.wrap(sha256.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }
}
