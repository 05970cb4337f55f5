package org.wikimedia.phlogiston.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import org.wikimedia.phlogiston.dump.DumpFetcher;
import org.wikimedia.phlogiston.scope.ScopeException;
import org.wikimedia.phlogiston.scope.ScopeFiles;

/**
 * Checks of option values that picocli makes while it parses, so that a wrong value is wrong usage (exit 64, the
 * option named) in every command, before the database starts.
 */
final class OptionValues {

    private OptionValues() {
    }

    /** {@code --scope}: a scope name, which can never lead outside the scopes folder. */
    static final class ScopeName implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            try {
                ScopeFiles.requireScopeName(text);
                return text;
            } catch (ScopeException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --dump}: a file, 'sample', or an http(s) URL that names a server. */
    static final class DumpSource implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            if (DumpFetcher.SAMPLE.equals(text) || !text.contains("://")) {
                return text;
            }
            String scheme = text.substring(0, text.indexOf("://")).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new TypeConversionException("'" + text + "': a dump comes from a file, an http(s) URL or 'sample', not "
                        + scheme + "://");
            }
            try {
                if (new URI(text).getHost() == null) {
                    throw new TypeConversionException("'" + text + "' names no server: write it as https://host/path");
                }
            } catch (URISyntaxException e) {
                throw new TypeConversionException("'" + text + "' is not a URL: " + e.getReason() + " at character " + (e.getIndex() + 1));
            }
            return text;
        }
    }

    /** {@code --db-url}: the JDBC URL of a PostgreSQL server. */
    static final class JdbcUrl implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            if (!text.startsWith("jdbc:postgresql:")) {
                throw new TypeConversionException("'" + text + "' is not a PostgreSQL JDBC URL: write it as "
                        + "jdbc:postgresql://host:port/database");
            }
            return text;
        }
    }
}
