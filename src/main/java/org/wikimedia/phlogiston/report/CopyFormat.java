package org.wikimedia.phlogiston.report;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Lines as PostgreSQL's COPY writes them, so that our data files read like the original's: in CSV, NULL is nothing
 * and an empty string {@code ""}, and a value is quoted only when it must be; in text format, NULL is {@code \N}
 * and tabs, newlines and backslashes are escaped.
 */
final class CopyFormat {

    private static final String TIMESTAMP_SUFFIX = " 00:00:00";

    private CopyFormat() {
    }

    /** One CSV line, newline included; a null value is NULL. */
    static String csvLine(List<String> values) {
        return values.stream().map(CopyFormat::csvValue).collect(Collectors.joining(",")) + "\n";
    }

    private static String csvValue(String value) {
        if (value == null) {
            return "";
        }
        if (value.isEmpty() || value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    /** One tab-separated line of COPY's text format, newline included. */
    static String textLine(List<String> values) {
        return values.stream()
                .map(value -> value == null ? "\\N" : value.replace("\\", "\\\\").replace("\t", "\\t")
                        .replace("\n", "\\n").replace("\r", "\\r"))
                .collect(Collectors.joining("\t")) + "\n";
    }

    /** A day as a timestamp column prints it. */
    static String timestamp(LocalDate date) {
        return date == null ? null : date + TIMESTAMP_SUFFIX;
    }

    /** A day as a date column prints it. */
    static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    /** A double precision value as PostgreSQL prints it: whole numbers without a fraction, and -0. */
    static String number(Double value) {
        if (value == null) {
            return null;
        }
        if (value == Math.rint(value) && !value.isInfinite()) {
            return (value == 0 && 1 / value < 0 ? "-" : "") + value.longValue();
        }
        return value.toString();
    }
}
