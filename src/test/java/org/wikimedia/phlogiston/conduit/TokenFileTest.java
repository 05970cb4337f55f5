package org.wikimedia.phlogiston.conduit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenFileTest {

    private static final String TOKEN = "api-t0kent0kent0kent0kent0kent0k";

    @TempDir
    Path directory;

    private Path tokenFile(String content, String permissions) throws IOException {
        Path file = directory.resolve("conduit.token");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void aPrivateFileGivesTheTokenWithoutItsNewline() throws IOException {
        ConduitToken token = ConduitToken.load(tokenFile(TOKEN + "\n", "rw-------"), Map.of());

        assertThat(token.value()).isEqualTo(TOKEN);
        assertThat(ConduitToken.fromFile(tokenFile(TOKEN, "r--------")).value()).isEqualTo(TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw----r--", "rw-rw-rw-", "r--r--r--"})
    void aFileOthersCanReadIsRefusedWithTheFix(String permissions) throws IOException {
        Path file = tokenFile(TOKEN, permissions);

        assertThatThrownBy(() -> ConduitToken.load(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The Conduit token file " + file + " can be read by others (" + permissions
                        + "); make it private with: chmod 600 " + file)
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aMissingOrEmptyFileIsNamed() throws IOException {
        Path missing = directory.resolve("missing.token");
        assertThatThrownBy(() -> ConduitToken.load(missing, Map.of()))
                .hasMessage("The Conduit token file " + missing + " does not exist");

        Path empty = tokenFile(" \n", "rw-------");
        assertThatThrownBy(() -> ConduitToken.load(empty, Map.of()))
                .hasMessageStartingWith("The Conduit token file " + empty + " is empty");
    }

    @Test
    void theEnvironmentVariableServesWhenNoFileIsConfigured() throws IOException {
        assertThat(ConduitToken.load(null, Map.of("PHLOGISTON_CONDUIT_TOKEN", " " + TOKEN + "\n")).value()).isEqualTo(TOKEN);
        assertThat(ConduitToken.load(tokenFile("api-fromthefile", "rw-------"), Map.of("PHLOGISTON_CONDUIT_TOKEN", TOKEN)).value())
                .isEqualTo("api-fromthefile");
    }

    @Test
    void noTokenAtAllSaysWhereToPutOne() {
        assertThatThrownBy(() -> ConduitToken.load(null, Map.of("PHLOGISTON_CONDUIT_TOKEN", "  ")))
                .hasMessage("No Conduit API token: set phlogiston.conduit.token-file to a file holding the token"
                        + " (readable only by you), or the environment variable PHLOGISTON_CONDUIT_TOKEN");
    }

    @Test
    void theTokenIsNeverShown() {
        ConduitToken token = ConduitToken.load(null, Map.of("PHLOGISTON_CONDUIT_TOKEN", TOKEN));

        assertThat(token.toString()).isEqualTo("ConduitToken[***]");
        assertThat(token.redact("API token \"" + TOKEN + "\" is not valid.")).isEqualTo("API token \"***\" is not valid.");
    }
}
