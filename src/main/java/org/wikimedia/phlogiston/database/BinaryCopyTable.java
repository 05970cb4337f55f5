package org.wikimedia.phlogiston.database;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * One table being filled by PostgreSQL COPY in the binary format: each value is sent as the server stores it
 * (integers and timestamps as binary numbers, text as its UTF-8 bytes), so the server parses no text and the
 * client escapes nothing. The dump load writes millions of rows through here. Each method names the PostgreSQL
 * type of its column, which must be exactly that type: the binary format is not converted.
 */
public final class BinaryCopyTable extends CopyStream {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, // flags: no OIDs
            0, 0, 0, 0}; // no header extension
    private static final int TEXT_OID = 25;
    /** PostgreSQL's epoch for timestamps: 2000-01-01T00:00:00Z, in seconds since 1970. */
    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;

    /** Where the current row's field count goes, and how many fields it has so far. */
    private int rowStart;
    private short fields;

    /** Opens the COPY; {@code createSql} as in {@link CopyStream}. */
    public BinaryCopyTable(Connection connection, String table, String columns, String createSql) throws SQLException {
        super(connection, table, columns, "FORMAT binary", createSql);
        put(HEADER);
    }

    /** A text (or varchar) value; NUL characters, which PostgreSQL text cannot hold, are dropped as in {@link CopyTable}. */
    public BinaryCopyTable text(String value) {
        if (startField(value)) {
            putText(value);
        }
        return this;
    }

    /** An integer (int4) value. */
    public BinaryCopyTable int4(Integer value) {
        if (startField(value)) {
            putInt(4);
            putInt(value);
        }
        return this;
    }

    /** A bigint (int8) value. */
    public BinaryCopyTable int8(Long value) {
        if (startField(value)) {
            putInt(8);
            putLong(value);
        }
        return this;
    }

    /** A timestamptz value, to the microsecond (finer parts are cut off). */
    public BinaryCopyTable timestamptz(Instant value) {
        if (startField(value)) {
            putInt(8);
            putLong(microsecondsSincePostgresEpoch(value));
        }
        return this;
    }

    public BinaryCopyTable bool(boolean value) {
        startField(value);
        putInt(1);
        ensureRoom(1);
        buffer[length++] = (byte) (value ? 1 : 0);
        return this;
    }

    /** A one-dimensional text[] value (null for none); its elements must not be null. */
    public BinaryCopyTable textArray(List<String> values) {
        if (!startField(values)) {
            return this;
        }
        ensureRoom(24);
        int sizeAt = length;
        length += 4;
        putInt(values.isEmpty() ? 0 : 1); // dimensions: an empty array has none
        putInt(0); // no null elements
        putInt(TEXT_OID);
        if (!values.isEmpty()) {
            putInt(values.size());
            putInt(1); // lower bound
        }
        for (String value : values) {
            putText(value);
        }
        putIntAt(sizeAt, length - sizeAt - 4);
        return this;
    }

    @Override
    public void endRow() throws SQLException {
        putShortAt(rowStart, fields);
        fields = 0;
        sendWhenFull();
    }

    @Override
    protected void writeTrailer() {
        ensureRoom(2);
        buffer[length++] = (byte) 0xff;
        buffer[length++] = (byte) 0xff;
    }

    private static long microsecondsSincePostgresEpoch(Instant value) {
        try {
            return Math.addExact(Math.multiplyExact(value.getEpochSecond() - POSTGRES_EPOCH_SECOND, 1_000_000L),
                    value.getNano() / 1000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("The time " + value + " is beyond what PostgreSQL can store", e);
        }
    }

    /** Starts a field of the row (and the row, at its first); writes a null value whole and says whether one follows. */
    private boolean startField(Object value) {
        if (fields == 0) {
            ensureRoom(2);
            rowStart = length;
            length += 2;
        }
        fields++;
        if (value == null) {
            putInt(-1);
            return false;
        }
        return true;
    }

    /** The value's UTF-8 bytes after their length, NULs dropped (looked for in the string: a fast, vectorized search). */
    private void putText(String value) {
        byte[] utf8 = (value.indexOf(0) < 0 ? value : value.replace("\0", "")).getBytes(StandardCharsets.UTF_8);
        putInt(utf8.length);
        put(utf8);
    }

    private void putInt(int value) {
        ensureRoom(4);
        putIntAt(length, value);
        length += 4;
    }

    private void putLong(long value) {
        ensureRoom(8);
        putIntAt(length, (int) (value >>> 32));
        putIntAt(length + 4, (int) value);
        length += 8;
    }

    private void putIntAt(int at, int value) {
        buffer[at] = (byte) (value >>> 24);
        buffer[at + 1] = (byte) (value >>> 16);
        buffer[at + 2] = (byte) (value >>> 8);
        buffer[at + 3] = (byte) value;
    }

    private void putShortAt(int at, short value) {
        buffer[at] = (byte) (value >>> 8);
        buffer[at + 1] = (byte) value;
    }
}
