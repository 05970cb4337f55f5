package org.wikimedia.phlogiston.conduit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.wikimedia.phlogiston.Secrets;

/**
 * The Conduit API token. It is read from a token file ({@code phlogiston.conduit.token-file}) or, when no file is
 * configured, from the environment variable {@value #ENVIRONMENT_VARIABLE}. Its value never leaves this class
 * except in the request itself: {@link #toString()} shows a mask, and {@link #redact(String)} removes it from any
 * text a server sends back (Phorge quotes a rejected token in its error message).
 */
public final class ConduitToken {

    public static final String ENVIRONMENT_VARIABLE = "PHLOGISTON_CONDUIT_TOKEN";
    public static final String TOKEN_FILE_SETTING = "phlogiston.conduit.token-file";

    private static final Set<PosixFilePermission> READABLE_BY_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

    private final String value;

    private ConduitToken(String value) {
        this.value = value;
    }

    /** The token from {@code tokenFile} when one is configured, otherwise from the environment variable. */
    public static ConduitToken load(Path tokenFile, Map<String, String> environment) {
        if (tokenFile != null) {
            return fromFile(tokenFile);
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            throw new IllegalArgumentException("No Conduit API token: set " + TOKEN_FILE_SETTING
                    + " to a file holding the token (readable only by you), or the environment variable "
                    + ENVIRONMENT_VARIABLE);
        }
        return new ConduitToken(fromEnvironment.strip());
    }

    /**
     * The token in {@code tokenFile}, surrounding white space (a trailing newline) removed. A file that the group
     * or others may read is refused before it is read: the token acts as its owner on the Phabricator install.
     */
    public static ConduitToken fromFile(Path tokenFile) {
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(tokenFile, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
                if (permissions.stream().anyMatch(READABLE_BY_OTHERS::contains)) {
                    throw new IllegalArgumentException("The Conduit token file " + tokenFile + " can be read by others ("
                            + PosixFilePermissions.toString(permissions) + "); make it private with: chmod 600 "
                            + tokenFile);
                }
            }
            String value = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("The Conduit token file " + tokenFile + " is empty; put the API token"
                        + " (Settings > Conduit API Tokens on the Phabricator install) in it");
            }
            return new ConduitToken(value);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("The Conduit token file " + tokenFile + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Could not read the Conduit token file " + tokenFile + ": " + e.getMessage(), e);
        }
    }

    /** Only for the request that carries it. */
    String value() {
        return value;
    }

    /** {@code text} with every occurrence of the token replaced by a mask; null stays null. */
    public String redact(String text) {
        return text == null ? null : text.replace(value, Secrets.MASK);
    }

    @Override
    public String toString() {
        return "ConduitToken[" + Secrets.MASK + "]";
    }
}
