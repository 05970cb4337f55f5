package org.wikimedia.phlogiston.report;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replaces rows of a report table in one transaction: deletes the old ones, then copies the new ones in (see
 * database.CopyTable), so that readers see either all the old rows or all the new.
 */
@Component
class TableRows {

    /** Copies the new rows over the transaction's connection. */
    @FunctionalInterface
    interface Copies {
        void writeTo(Connection connection) throws SQLException;
    }

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;

    TableRows(JdbcTemplate jdbc, DataSource dataSource, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transaction = transaction;
    }

    /**
     * Runs {@code delete} with {@code arguments}, then {@code copies}; {@code what} names the rows in the error
     * message ("the velocity table of alp").
     */
    void replace(String what, String delete, Object[] arguments, Copies copies) {
        transaction.executeWithoutResult(status -> {
            jdbc.update(delete, arguments);
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                copies.writeTo(connection);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not store " + what + ": " + e.getMessage(), e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        });
    }
}
