package org.wikimedia.phlogiston;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the credentials that a text may carry: the password in {@code https://user:password@host/...} (the whole
 * user part when it has no password: {@code https://token@host/}), and the value of a parameter whose name says it
 * is secret ({@code ?token=...}, {@code password=...}, {@code --db-password=...}). Applied to every text that
 * leaves the process or is stored where others read it: the run registry, job parameters, dump_load, logs, messages.
 * Masking a masked text changes nothing.
 */
public final class Secrets {

    public static final String MASK = "***";

    /** The user part of a URL: scheme://user:password@ or scheme://user@ (no slash, space or @ before the @). */
    private static final Pattern USER_INFO = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://)([^/\\s@:?#]*)(:[^/\\s@?#]*)?@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([\\w.-]*(?:password|passwd|token|secret|api[_-]?key|signature))=[^&;\\s'\"]+");

    private Secrets() {
    }

    /** {@code text} with every credential it carries replaced by {@value #MASK}; null stays null. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        // Groups: 1 the scheme, 2 the user, 3 the password if there is one; 1 a parameter's name.
        String masked = USER_INFO.matcher(text).replaceAll(url -> Matcher.quoteReplacement(
                url.group(1) + (url.group(3) != null ? url.group(2) + ":" : "") + MASK + "@"));
        return SECRET_PARAMETER.matcher(masked).replaceAll(parameter -> Matcher.quoteReplacement(parameter.group(1) + "=" + MASK));
    }
}
