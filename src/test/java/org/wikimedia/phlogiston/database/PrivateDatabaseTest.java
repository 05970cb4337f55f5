package org.wikimedia.phlogiston.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.FileSystemUtils;

/**
 * The embedded server lets in only who knows the password in its password file: over TCP (the only way in; it opens
 * no Unix socket), on a new data directory and on one made when it trusted every local account.
 */
@ExtendWith(OutputCaptureExtension.class)
class PrivateDatabaseTest {

    private static final Path DIR = Path.of("target/test-data-private");
    private static final String CONVERTED = "let every local account in without a password; it now requires the password in";

    @BeforeAll
    static void startFromNothing() throws IOException {
        FileSystemUtils.deleteRecursively(DIR);
    }

    @Test
    void aNewDataDirectoryRequiresThePasswordFromItsFirstStart(CapturedOutput output) throws Exception {
        Path base = DIR.resolve("new");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrAttach(base, Duration.ZERO)) {
            Path passwordFile = base.resolve("password");
            assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(passwordFile)).isEqualTo(server.password()).matches("[A-Za-z0-9_-]{43}");
            try (Stream<Path> files = Files.list(base)) {
                assertThat(files.map(file -> file.getFileName().toString()))
                        .containsExactlyInAnyOrder("password", "pgdata", "server.lock", "users.lock");
            }

            assertRefusedWithoutThePassword(server);
            try (Connection connection = connect(server, server.password())) {
                assertThat(query(connection, "SELECT auth_method FROM pg_hba_file_rules GROUP BY auth_method"))
                        .containsExactly("scram-sha-256");
                assertThat(query(connection, "SELECT left(rolpassword, 14) FROM pg_authid WHERE rolname = 'postgres'"))
                        .containsExactly("SCRAM-SHA-256$");
                assertThat(query(connection, "SHOW unix_socket_directories")).containsExactly("");
            }
        }
        assertThat(output.getAll()).doesNotContain(CONVERTED);
    }

    @Test
    void aDataDirectoryThatTrustedEveryLocalAccountIsConvertedOnStart(CapturedOutput output) throws Exception {
        Path base = DIR.resolve("trusting");
        Path hbaFile = base.resolve("pgdata/pg_hba.conf");
        // Made as Phlogiston made it before it had a password: zonky's own initdb, which trusts every local account.
        try (EmbeddedPostgres trusting = EmbeddedPostgres.builder().setDataDirectory(base.resolve("pgdata"))
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start();
             Connection anyone = DriverManager.getConnection(trusting.getJdbcUrl("postgres", "postgres"))) {
            assertThat(query(anyone, "SELECT 'in without a password'")).containsExactly("in without a password");
        }
        List<String> trustingRules = Files.readAllLines(hbaFile);
        assertThat(trustingRules.stream().filter(line -> !line.startsWith("#") && line.endsWith("trust"))).hasSize(6);

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrAttach(base, Duration.ZERO)) {
            assertThat(output.getAll()).containsOnlyOnce("The embedded database in " + base.toAbsolutePath().resolve("pgdata")
                    + " " + CONVERTED + " " + base.toAbsolutePath().resolve("password"));
            assertThat(Files.readAllLines(hbaFile)).isEqualTo(trustingRules.stream()
                    .map(line -> line.startsWith("#") ? line : line.replaceAll("trust$", "scram-sha-256")).toList());
            assertThat(Files.getPosixFilePermissions(base.resolve("password"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertRefusedWithoutThePassword(server);
            try (Connection connection = connect(server, server.password())) {
                assertThat(query(connection, "SELECT auth_method FROM pg_hba_file_rules GROUP BY auth_method"))
                        .containsExactly("scram-sha-256");
            }
        }

        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.startOrAttach(base, Duration.ZERO);
             Connection connection = connect(again, again.password())) {
            assertThat(query(connection, "SELECT 'in with the password'")).containsExactly("in with the password");
        }
        assertThat(output.getAll()).containsOnlyOnce(CONVERTED);
    }

    @Test
    void withoutItsPasswordFileADataDirectoryIsNotStarted() throws IOException {
        Path base = DIR.resolve("lost");
        try (EmbeddedPostgresServer ignored = EmbeddedPostgresServer.startOrAttach(base, Duration.ZERO)) {
            Files.delete(base.resolve("password"));
        }
        assertThatThrownBy(() -> EmbeddedPostgresServer.startOrAttach(base, Duration.ZERO)).isInstanceOf(IllegalStateException.class)
                .hasMessage("Could not start the embedded database in %s: %s is missing, and only its password opens the database in %s",
                        base.toAbsolutePath(), base.toAbsolutePath().resolve("password"), base.toAbsolutePath().resolve("pgdata"));
        assertThat(base.resolve("password")).doesNotExist();
    }

    private static void assertRefusedWithoutThePassword(EmbeddedPostgresServer server) {
        assertThatThrownBy(() -> connect(server, null)).isInstanceOf(PSQLException.class)
                .hasMessage("The server requested SCRAM-based authentication, but no password was provided.");
        assertThatThrownBy(() -> connect(server, "trust")).isInstanceOf(PSQLException.class)
                .hasMessage("FATAL: password authentication failed for user \"postgres\"")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");
    }

    private static Connection connect(EmbeddedPostgresServer server, String password) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres"), EmbeddedPostgresServer.SUPERUSER, password);
    }

    private static List<String> query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
