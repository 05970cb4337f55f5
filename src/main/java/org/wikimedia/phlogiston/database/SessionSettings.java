package org.wikimedia.phlogiston.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import com.zaxxer.hikari.HikariConfig;

/**
 * What every Phlogiston session sets when it connects, so that the server ends the session of a client that died
 * within seconds (on this host) or a minute (from another host), freeing its locks: the statements of
 * {@value #SESSION_SQL}, and TCP keepalives on the driver's side of the connection. The pool applies them to its
 * connections, and the run lock to its connection of its own.
 */
public final class SessionSettings {

    static final String SESSION_SQL = "sql/database/session.sql";
    /** pgjdbc's setting for keepalive probes from the client's side (the server's are set in {@value #SESSION_SQL}). */
    private static final String TCP_KEEPALIVE = "tcpKeepAlive";

    private SessionSettings() {
    }

    /** Gives every connection of the pool {@code config} these settings. */
    public static void applyTo(HikariConfig config) {
        config.addDataSourceProperty(TCP_KEEPALIVE, "true");
        config.setConnectionInitSql(SqlFiles.read(SESSION_SQL));
    }

    /** A connection of its own to {@code url}, with {@code properties} (user, password, ...) and these settings. */
    public static Connection connect(String url, Properties properties) throws SQLException {
        Properties withKeepalive = new Properties();
        withKeepalive.putAll(properties);
        withKeepalive.setProperty(TCP_KEEPALIVE, "true");
        Connection connection = DriverManager.getConnection(url, withKeepalive);
        try (Statement statement = connection.createStatement()) {
            statement.execute(SqlFiles.read(SESSION_SQL));
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
