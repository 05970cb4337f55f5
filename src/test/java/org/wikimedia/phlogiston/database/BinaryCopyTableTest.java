package org.wikimedia.phlogiston.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.wikimedia.phlogiston.DatabaseTest;

/**
 * Awkward values through a real binary COPY into PostgreSQL and back: NULLs, extremes of each integer type, text
 * that the text format must escape, non-ASCII text and NULs, times before 1970 and 2000 and far in the future,
 * arrays empty and not, and enough rows to be sent in several pieces. Each row read back must be what was written.
 */
class BinaryCopyTableTest extends DatabaseTest {

    private static final String COLUMNS = "n, t, i4, i8, ts, b, arr";
    private static final String CREATE = "CREATE TABLE %s (n integer, t text, i4 integer, i8 bigint, ts timestamptz, "
            + "b boolean, arr text[])";
    private static final String AWKWARD_TEXT = "Tabs\tnew\nlines\r\n back\\slash \\N \"quotes\" {braces} émigré 日本語 🚀 NUL\u0000gone";

    @Autowired
    private DataSource dataSource;

    private record Row(int n, String text, Integer int4, Long int8, Instant time, boolean bool, List<String> array) {
    }

    private static final List<Row> AWKWARD = List.of(
            new Row(1, null, null, null, null, false, null),
            new Row(2, "", Integer.MIN_VALUE, Long.MIN_VALUE, Instant.parse("1969-12-31T23:59:59Z"), true, List.of()),
            new Row(3, AWKWARD_TEXT, Integer.MAX_VALUE, Long.MAX_VALUE, Instant.parse("1999-12-31T23:59:59.999999Z"), true,
                    List.of("PHID-PROJ-1", "quote \" comma , brace } backslash \\", "", "日本語 🚀", "NUL\u0000gone")),
            new Row(4, "lone surrogate \uD800.", 0, 0L, Instant.parse("2000-01-01T00:00:00Z"), false, List.of("one")),
            new Row(5, "x".repeat(700_000), -1, -1L, Instant.parse("0500-06-01T12:00:00Z"), false, null),
            new Row(6, "future", 1, 1L, Instant.parse("+200000-01-01T00:00:00.000001Z"), true, List.of()),
            new Row(7, "9999", 2, 2L, Instant.parse("9999-12-31T23:59:59Z"), true, List.of("a", "b")));

    @Test
    void awkwardValuesComeBackAsWritten() throws SQLException {
        List<Row> rows = new ArrayList<>(AWKWARD);
        for (int n = 100; n < 20_100; n++) { // about 1.5 MB: several sends of the buffer
            rows.add(new Row(n, "row " + n + " é", n, n * 1_000_000_007L, Instant.ofEpochSecond(1_500_000_000L + n), n % 2 == 0,
                    List.of("PHID-" + n, "PHID-" + (n + 1))));
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            // created in the COPY's transaction, as the dump load does: COPY ... (FORMAT binary, FREEZE)
            BinaryCopyTable copy = new BinaryCopyTable(connection, "binary_values", COLUMNS, CREATE.formatted("binary_values"));
            for (Row row : rows) {
                copy.int4(row.n()).text(row.text()).int4(row.int4()).int8(row.int8()).timestamptz(row.time()).bool(row.bool())
                        .textArray(row.array()).endRow();
            }
            assertThat(copy.finish()).isEqualTo(rows.size());
            connection.commit();
        }

        List<Row> readBack = jdbc.query("SELECT n, t, i4, i8, extract(epoch FROM ts) AS seconds, b, arr FROM binary_values ORDER BY n",
                (rs, i) -> new Row(rs.getInt("n"), rs.getString("t"), (Integer) rs.getObject("i4"), (Long) rs.getObject("i8"),
                        instant(rs.getBigDecimal("seconds")), rs.getBoolean("b"), array(rs)));
        List<Row> expected = rows.stream().map(row -> new Row(row.n(), withoutNul(row.text()), row.int4(), row.int8(), row.time(),
                row.bool(), row.array() == null ? null : row.array().stream().map(BinaryCopyTableTest::withoutNul).toList())).toList();
        assertThat(readBack).hasSize(rows.size());
        assertThat(readBack.get(3).text()).isEqualTo("lone surrogate ?.");
        assertThat(readBack.subList(0, 3)).isEqualTo(expected.subList(0, 3));
        assertThat(readBack.subList(4, readBack.size())).isEqualTo(expected.subList(4, expected.size()));
        assertThat(jdbc.queryForObject("SELECT ts::text FROM binary_values WHERE n = 6", String.class))
                .isEqualTo("200000-01-01 00:00:00.000001+00");
        assertThat(jdbc.queryForObject("SELECT cardinality(arr) FROM binary_values WHERE n = 2", Integer.class)).isZero();
    }

    /** Values like the load's (whole seconds in the years 1000 to 9999) are stored as the text format stores them. */
    @Test
    void storesWhatTheTextFormatStores() throws SQLException {
        List<Row> rows = AWKWARD.stream().filter(row -> row.time() == null || row.time().getNano() == 0
                && row.time().isAfter(Instant.parse("1000-01-01T00:00:00Z")) && row.time().isBefore(Instant.parse("+10000-01-01T00:00:00Z")))
                .toList();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement create = connection.createStatement()) {
                create.execute(CREATE.formatted("text_format") + "; " + CREATE.formatted("binary_format"));
            }
            CopyTable text = new CopyTable(connection, "text_format", COLUMNS, null);
            for (Row row : rows) {
                text.number(row.n()).text(row.text()).number(row.int4()).number(row.int8()).instant(row.time()).bool(row.bool())
                        .textArray(row.array()).endRow();
            }
            assertThat(text.finish()).isEqualTo(rows.size());
            BinaryCopyTable binary = new BinaryCopyTable(connection, "binary_format", COLUMNS, null);
            for (Row row : rows) {
                binary.int4(row.n()).text(row.text()).int4(row.int4()).int8(row.int8()).timestamptz(row.time()).bool(row.bool())
                        .textArray(row.array()).endRow();
            }
            assertThat(binary.finish()).isEqualTo(rows.size());
            connection.commit();
        }
        assertThat(count("text_format")).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM (SELECT * FROM text_format EXCEPT SELECT * FROM binary_format) d "
                + "FULL JOIN (SELECT * FROM binary_format EXCEPT SELECT * FROM text_format) e ON false", Long.class)).isZero();
    }

    @Test
    void aValueOfAnotherTypeThanItsColumnIsRefused() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            BinaryCopyTable copy = new BinaryCopyTable(connection, "wrong_type", "n, i8", "CREATE TABLE wrong_type (n integer, i8 bigint)");
            copy.int4(1).int4(2).endRow(); // an int4 where the column is bigint
            assertThatThrownBy(copy::finish).isInstanceOf(SQLException.class).hasMessageContaining("column i8");
            connection.rollback();
        }
    }

    @Test
    void aTimeBeyondWhatPostgresStoresIsRefusedBeforeSending() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            BinaryCopyTable copy = new BinaryCopyTable(connection, "too_late", "ts", "CREATE TABLE too_late (ts timestamptz)");
            assertThatThrownBy(() -> copy.timestamptz(Instant.MAX)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("beyond what PostgreSQL can store");
            copy.cancel();
            connection.rollback();
        }
    }

    private static Instant instant(BigDecimal epochSeconds) {
        if (epochSeconds == null) {
            return null;
        }
        long micros = epochSeconds.movePointRight(6).longValueExact();
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    private static List<String> array(ResultSet rs) throws SQLException {
        java.sql.Array array = rs.getArray("arr");
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }

    private static String withoutNul(String text) {
        return text == null ? null : text.replace("\u0000", "");
    }
}
