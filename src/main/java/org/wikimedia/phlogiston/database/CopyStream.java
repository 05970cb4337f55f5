package org.wikimedia.phlogiston.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One COPY FROM STDIN into a table, in the caller's transaction on the given connection: what the text format
 * ({@link CopyTable}) and the binary one ({@link BinaryCopyTable}) share. Rows are encoded straight into a byte
 * buffer and sent in large pieces, once a row is complete.
 */
public abstract class CopyStream {

    private static final int SEND_AT_BYTES = 1 << 18;

    private final String table;
    private final CopyIn copy;
    protected byte[] buffer = new byte[SEND_AT_BYTES + (1 << 16)];
    protected int length;

    /**
     * Opens the COPY with the given options (such as {@code FORMAT binary}; null for none). {@code createSql},
     * when not null, is run first: a table created in the same transaction lets PostgreSQL skip the write-ahead
     * log for the rows (with wal_level=minimal) and store them frozen.
     */
    CopyStream(Connection connection, String table, String columns, String options, String createSql) throws SQLException {
        this.table = table;
        if (createSql != null) {
            try (Statement create = connection.createStatement()) {
                create.execute(createSql);
            }
        }
        String allOptions = createSql == null ? options : options == null ? "FREEZE" : options + ", FREEZE";
        copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + columns + ") FROM STDIN" + (allOptions == null ? "" : " (" + allOptions + ")"));
    }

    /** Ends the row whose fields were written since the last one. */
    public abstract void endRow() throws SQLException;

    /** Ends the COPY; the rows are written, in the caller's transaction. Returns how many. */
    public long finish() throws SQLException {
        writeTrailer();
        send();
        return copy.endCopy();
    }

    /** What the format puts after the last row; nothing by default. */
    protected void writeTrailer() {
    }

    /** Gives up a COPY that was not finished (the caller then rolls back). */
    public void cancel() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    public String table() {
        return table;
    }

    /** Sends what the buffer holds once it is large enough; called between rows only. */
    protected final void sendWhenFull() throws SQLException {
        if (length >= SEND_AT_BYTES) {
            send();
        }
    }

    private void send() throws SQLException {
        if (length > 0) {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        }
    }

    protected final void put(byte[] bytes) {
        ensureRoom(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    protected final void ensureRoom(int bytes) {
        if (length + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + bytes));
        }
    }
}
