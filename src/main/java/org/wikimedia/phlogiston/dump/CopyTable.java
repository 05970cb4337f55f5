package org.wikimedia.phlogiston.dump;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One table being filled by PostgreSQL COPY (text format) over its own connection, inside one transaction.
 * Rows are buffered and sent in large pieces; nothing is visible to others until {@link #finish()}.
 */
final class CopyTable implements AutoCloseable {

    private static final int SEND_AT_CHARS = 1 << 18;

    private final Connection connection;
    private final String table;
    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(SEND_AT_CHARS + 4096);
    private boolean firstField = true;
    private boolean finished;

    /**
     * Opens the COPY. {@code createSql}, when not null, is run first in the same transaction: a table created
     * there lets PostgreSQL skip the write-ahead log for the rows (with wal_level=minimal) and store them frozen.
     */
    CopyTable(Connection connection, String table, String columns, String createSql) throws SQLException {
        this.connection = connection;
        this.table = table;
        connection.setAutoCommit(false);
        if (createSql != null) {
            try (Statement create = connection.createStatement()) {
                create.execute(createSql);
            }
        }
        copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + columns + ") FROM STDIN" + (createSql == null ? "" : " (FREEZE)"));
    }

    CopyTable text(String value) {
        separate();
        if (value == null) {
            buffer.append("\\N");
        } else {
            escape(value);
        }
        return this;
    }

    CopyTable number(Number value) {
        separate();
        buffer.append(value == null ? "\\N" : value.toString());
        return this;
    }

    CopyTable instant(Instant value) {
        separate();
        buffer.append(value == null ? "\\N" : value.toString());
        return this;
    }

    CopyTable bool(boolean value) {
        separate();
        buffer.append(value ? 't' : 'f');
        return this;
    }

    /** A text[] value (null for none); PHIDs and the like, quoted element by element. */
    CopyTable textArray(List<String> values) {
        if (values == null) {
            return text(null);
        }
        separate();
        StringBuilder array = new StringBuilder("{");
        for (String value : values) {
            if (array.length() > 1) {
                array.append(',');
            }
            array.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        escape(array.append('}').toString());
        return this;
    }

    void endRow() throws SQLException {
        buffer.append('\n');
        firstField = true;
        if (buffer.length() >= SEND_AT_CHARS) {
            send();
        }
    }

    /** Ends the COPY and commits: the rows become visible. */
    void finish() throws SQLException {
        send();
        copy.endCopy();
        connection.commit();
        finished = true;
    }

    /** Gives the connection back; a COPY not finished is cancelled and rolled back. */
    @Override
    public void close() throws SQLException {
        try {
            if (!finished) {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                connection.rollback();
            }
        } finally {
            connection.close();
        }
    }

    String table() {
        return table;
    }

    private void send() throws SQLException {
        if (!buffer.isEmpty()) {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
    }

    private void separate() {
        if (!firstField) {
            buffer.append('\t');
        }
        firstField = false;
    }

    /** COPY text format: backslash, tab and line breaks are escaped; NUL cannot be stored in text and is dropped. */
    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                case '\0' -> { }
                default -> buffer.append(c);
            }
        }
    }
}
