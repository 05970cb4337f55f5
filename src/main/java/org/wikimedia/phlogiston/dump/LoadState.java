package org.wikimedia.phlogiston.dump;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.batch.item.ExecutionContext;

/**
 * What the steps of one load tell each other, kept in the job's execution context (so that it is stored in
 * the job repository and a restarted load knows it too).
 */
final class LoadState {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExecutionContext context;

    LoadState(ExecutionContext context) {
        this.context = context;
    }

    long loadId() {
        return context.getLong(DumpLoader.LOAD_ID);
    }

    void loadId(long id) {
        context.putLong(DumpLoader.LOAD_ID, id);
    }

    void fetched(DumpFetcher.Ready dump) {
        context.putString("file", dump.file().toString());
        putIfPresent("keepAs", dump.keepAs() == null ? null : dump.keepAs().toString());
        putIfPresent("etag", dump.etag());
        putIfPresent("lastModified", dump.lastModified());
        putIfPresent("sha256", dump.sha256());
        context.putLong("bytes", dump.bytes());
    }

    /** The dump file to stage; null before the fetch found one. */
    String file() {
        return (String) context.get("file");
    }

    String keepAs() {
        return (String) context.get("keepAs");
    }

    String etag() {
        return (String) context.get("etag");
    }

    String lastModified() {
        return (String) context.get("lastModified");
    }

    String sha256() {
        return (String) context.get("sha256");
    }

    void sha256(String sha256) {
        context.putString("sha256", sha256);
    }

    Long bytes() {
        return context.containsKey("bytes") ? context.getLong("bytes") : null;
    }

    String unchangedReason() {
        return (String) context.get("unchanged");
    }

    void unchanged(String reason) {
        context.putString("unchanged", reason);
    }

    /** What the record of a published load says: the users' views it could not make again, or null. */
    String publishedMessage() {
        return (String) context.get("publishedMessage");
    }

    void publishedMessage(String message) {
        putIfPresent("publishedMessage", message);
    }

    Instant dataUntil() {
        return context.containsKey("dataUntil") ? Instant.parse(context.getString("dataUntil")) : null;
    }

    void staged(Instant dataUntil, Map<String, Long> rowCounts, DefectLog defects) {
        context.putString("dataUntil", dataUntil.toString());
        context.putString("rowCounts", toJson(rowCounts));
        context.putString("defects", toJson(defects.asMap()));
    }

    Map<String, Long> rowCounts() {
        return fromJson("rowCounts", new TypeReference<LinkedHashMap<String, Long>>() { });
    }

    Map<String, Map<String, Object>> defects() {
        return fromJson("defects", new TypeReference<LinkedHashMap<String, Map<String, Object>>>() { });
    }

    private void putIfPresent(String key, String value) {
        if (value != null) {
            context.putString(key, value);
        }
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T extends Map<?, ?>> T fromJson(String key, TypeReference<T> type) {
        try {
            return JSON.readValue(context.containsKey(key) ? context.getString(key) : "{}", type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
