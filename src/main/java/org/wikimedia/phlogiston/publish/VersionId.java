package org.wikimedia.phlogiston.publish;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a report version, {@code 20261126T101500Z-001}: when it was started (UTC) and a counter. Ids only
 * ever grow: when the clock is fixed by {@code --as-of}, or has gone back, a new id keeps the newest id's time and
 * takes the next counter. So the order of ids is the order in which versions were built, which is what "the
 * previous version" means for rollback.
 */
record VersionId(String time, int counter) implements Comparable<VersionId> {

    private static final DateTimeFormatter TIME_FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern FORMAT = Pattern.compile("(\\d{8}T\\d{6}Z)-(\\d{3,9})");
    private static final Comparator<VersionId> ORDER =
            Comparator.comparing(VersionId::time).thenComparingInt(VersionId::counter);

    /** The id of a version started at {@code now}, after {@code newest}, the newest id there is (if any). */
    static VersionId next(Instant now, Optional<VersionId> newest) {
        String time = TIME_FORMAT.format(now);
        return newest.filter(id -> id.time.compareTo(time) >= 0)
                .map(id -> new VersionId(id.time, id.counter + 1))
                .orElseGet(() -> new VersionId(time, 1));
    }

    /** The id a folder is named by; empty for any other name. */
    static Optional<VersionId> parse(String name) {
        Matcher matcher = FORMAT.matcher(name);
        return matcher.matches()
                ? Optional.of(new VersionId(matcher.group(1), Integer.parseInt(matcher.group(2))))
                : Optional.empty();
    }

    @Override
    public int compareTo(VersionId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return time + "-" + "%03d".formatted(counter);
    }
}
