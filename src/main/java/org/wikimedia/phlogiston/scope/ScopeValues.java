package org.wikimedia.phlogiston.scope;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** How values are written in scope files: as Python's configparser and the original read them. */
final class ScopeValues {

    /** configparser's boolean words. */
    private static final Map<String, Boolean> BOOLEANS = Map.of("true", true, "yes", true, "on", true, "1", true,
            "false", false, "no", false, "off", false, "0", false);

    /** The original parsed dates with strptime("%Y-%m-%d"), which also takes 2019-1-5. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-M-d").withResolverStyle(ResolverStyle.STRICT);

    static final String EXPECTED_BOOLEAN = "true or false: write True or False";
    static final String EXPECTED_DATE = "a date: write it as YYYY-MM-DD, e.g. 2019-01-15";
    static final String EXPECTED_WHOLE_NUMBER = "a whole number (0 or more): write it with digits only";

    private ScopeValues() {
    }

    static Optional<Boolean> bool(String text) {
        return Optional.ofNullable(BOOLEANS.get(text.toLowerCase(Locale.ROOT)));
    }

    static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text, DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Optional<Integer> wholeNumber(String text) {
        if (!text.matches("\\d{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(text));
    }

    static boolean isDefault(String text) {
        return text.equalsIgnoreCase("default");
    }
}
