package org.wikimedia.phlogiston.database;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One table being filled by PostgreSQL COPY in the text format. Bulk writes (a scope's history, report tables)
 * go through here: it is their inner loop, hence the byte-level encoding. The dump load, whose values PostgreSQL
 * would otherwise parse from text by the million, uses {@link BinaryCopyTable}.
 */
public final class CopyTable extends CopyStream {

    private static final byte[] NULL = {'\\', 'N'};

    private boolean firstField = true;

    /** Opens the COPY; {@code createSql} as in {@link CopyStream}. */
    public CopyTable(Connection connection, String table, String columns, String createSql) throws SQLException {
        super(connection, table, columns, null, createSql);
    }

    /** Writes the rows of one COPY, field by field, each row ended by {@link #endRow()}. */
    @FunctionalInterface
    public interface Rows {
        void writeTo(CopyTable copy) throws SQLException;
    }

    /**
     * Copies the rows {@code rows} writes into {@code table} ({@code columns}), in the caller's transaction on
     * {@code connection}; returns how many. A failure gives the COPY up, so that the transaction can roll back.
     */
    public static long copy(Connection connection, String table, String columns, Rows rows) throws SQLException {
        CopyTable copy = new CopyTable(connection, table, columns, null);
        boolean copied = false;
        try {
            rows.writeTo(copy);
            long count = copy.finish();
            copied = true;
            return count;
        } finally {
            if (!copied) {
                copy.cancel(); // the connection must leave COPY mode before the transaction can roll back
            }
        }
    }

    public CopyTable text(String value) {
        separate();
        if (value == null) {
            put(NULL);
        } else {
            putEscaped(value.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    public CopyTable number(Number value) {
        separate();
        if (value == null) {
            put(NULL);
        } else {
            putAscii(value.toString());
        }
        return this;
    }

    /** As {@code 2019-03-15 00:00:00+00}, which PostgreSQL reads for timestamptz. */
    public CopyTable instant(Instant value) {
        separate();
        if (value == null) {
            put(NULL);
            return this;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(value.getEpochSecond(), 0, ZoneOffset.UTC);
        ensureRoom(32);
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            putAscii(value.toString());
            return this;
        }
        digits(t.getYear(), 4);
        buffer[length++] = '-';
        digits(t.getMonthValue(), 2);
        buffer[length++] = '-';
        digits(t.getDayOfMonth(), 2);
        buffer[length++] = ' ';
        digits(t.getHour(), 2);
        buffer[length++] = ':';
        digits(t.getMinute(), 2);
        buffer[length++] = ':';
        digits(t.getSecond(), 2);
        putAscii("+00");
        return this;
    }

    public CopyTable bool(boolean value) {
        separate();
        ensureRoom(1);
        buffer[length++] = (byte) (value ? 't' : 'f');
        return this;
    }

    /** A text[] value (null for none); PHIDs and the like, quoted element by element. */
    public CopyTable textArray(List<String> values) {
        if (values == null) {
            return text(null);
        }
        StringBuilder array = new StringBuilder("{");
        for (String value : values) {
            if (array.length() > 1) {
                array.append(',');
            }
            array.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return text(array.append('}').toString());
    }

    /** An integer[] value. */
    public CopyTable integerArray(List<Integer> values) {
        StringBuilder array = new StringBuilder("{");
        for (Integer value : values) {
            array.append(array.length() > 1 ? "," : "").append(value);
        }
        return text(array.append('}').toString());
    }

    @Override
    public void endRow() throws SQLException {
        ensureRoom(1);
        buffer[length++] = '\n';
        firstField = true;
        sendWhenFull();
    }

    private void separate() {
        if (!firstField) {
            ensureRoom(1);
            buffer[length++] = '\t';
        }
        firstField = false;
    }

    /**
     * COPY text format: backslash, tab and line breaks are escaped; NUL cannot be stored in text and is
     * dropped. Those bytes never occur inside a multi-byte UTF-8 character, so the bytes can be scanned.
     */
    private void putEscaped(byte[] utf8) {
        ensureRoom(utf8.length * 2);
        for (byte b : utf8) {
            switch (b) {
                case '\\' -> putEscape('\\');
                case '\t' -> putEscape('t');
                case '\n' -> putEscape('n');
                case '\r' -> putEscape('r');
                case 0 -> { }
                default -> buffer[length++] = b;
            }
        }
    }

    /** A backslash and the letter that stands for the escaped byte; room was made by the caller. */
    private void putEscape(char letter) {
        buffer[length++] = '\\';
        buffer[length++] = (byte) letter;
    }

    private void putAscii(String ascii) {
        ensureRoom(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            buffer[length++] = (byte) ascii.charAt(i);
        }
    }

    private void digits(int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            buffer[length + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += width;
    }
}
