package org.wikimedia.phlogiston.runcontrol;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

/**
 * The value of a {@code --wait} option, how long a command waits for the run lock it needs: a whole number of
 * seconds, minutes or hours ({@code 30s}, {@code 10m}, {@code 2h}) or an ISO-8601 duration ({@code PT1H30M}).
 * Shared by every command that takes a run lock, so that all accept the same values.
 */
public final class WaitDuration implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern SHORT_FORM = Pattern.compile("(\\d{1,9})([smh])");

    @Override
    public Duration convert(String text) {
        Matcher shortForm = SHORT_FORM.matcher(text.strip());
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return switch (shortForm.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            Duration iso = Duration.parse(text.strip());
            if (!iso.isNegative()) {
                return iso;
            }
        } catch (DateTimeParseException e) {
            // not ISO either; said below
        }
        throw new CommandLine.TypeConversionException("'" + text + "' is not a duration: give e.g. 30s, 10m, 2h or PT1H30M");
    }

    /** A duration the way the option takes it: 30s, 10m, 1h30m. */
    static String format(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT); // PT1H30M -> 1h30m
    }
}
