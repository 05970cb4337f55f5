package org.wikimedia.phlogiston.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import org.wikimedia.phlogiston.PhlogistonProperties;

/**
 * The one database Phlogiston uses: the server named by {@code --db-url}, or else the embedded server in the
 * data directory, where the database {@code phlogiston.db.embedded-database} (by default phlogiston) is created on
 * first use and the password comes from the server's password file.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    private static final String DUPLICATE_DATABASE = "42P04";

    /**
     * Started only when asked for: by the data source when no {@code --db-url} is given. A decision at start, not a
     * condition on the bean, because Spring AOT fixes conditions when the jar is built.
     */
    @Bean(destroyMethod = "close")
    @Lazy
    EmbeddedPostgresServer embeddedPostgresServer(PhlogistonProperties properties) {
        return EmbeddedPostgresServer.startOrAttach(properties.dataDir().resolve("postgres"), properties.embedded().linger());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(PhlogistonProperties properties, ObjectProvider<EmbeddedPostgresServer> embedded) {
        PhlogistonProperties.Database db = properties.db();
        HikariConfig config = new HikariConfig();
        config.setPoolName("phlogiston");
        config.setMaximumPoolSize(12);
        // A load needs a connection per staged table, but only while it runs; between jobs (and in test runs,
        // which keep several application contexts) idle connections go back to the server.
        config.setMinimumIdle(1);
        config.setIdleTimeout(10_000);
        config.setUsername(db.user());
        config.setPassword(db.password());
        SessionSettings.applyTo(config);
        if (db.isEmbedded()) {
            EmbeddedPostgresServer server = embedded.getObject();
            config.setPassword(server.password());
            createDatabaseIfMissing(server, db.user(), db.embeddedDatabase());
            config.setJdbcUrl(server.jdbcUrl(db.embeddedDatabase()));
        } else {
            config.setJdbcUrl(db.url());
        }
        return new HikariDataSource(config);
    }

    /** A connection to the embedded server's own database, from which databases are created (and dropped). */
    static Connection serverConnection(EmbeddedPostgresServer server, String user) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres"), user, server.password());
    }

    private static void createDatabaseIfMissing(EmbeddedPostgresServer server, String user, String database) {
        try (Connection c = serverConnection(server, user);
             PreparedStatement exists = c.prepareStatement(SqlFiles.statement("sql/database/server.sql", "database_exists"))) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = c.createStatement()) {
                        create.execute("CREATE DATABASE " + database);
                    } catch (SQLException e) {
                        if (!DUPLICATE_DATABASE.equals(e.getSQLState())) { // another process, first too, made it
                            throw e;
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + database
                    + " on the embedded server: " + e.getMessage(), e);
        }
    }
}
