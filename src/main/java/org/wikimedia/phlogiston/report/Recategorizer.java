package org.wikimedia.phlogiston.report;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.wikimedia.phlogiston.database.SqlFiles;
import org.wikimedia.phlogiston.scope.ScopeSettings;

/** The report's first stage: each task-day of a scope's history gets its category (sql/report/recategorize.sql). */
@Component
public class Recategorizer {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public Recategorizer(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Replaces the scope's rows of task_on_date_recategorized; returns how many there are. */
    public int recategorize(String scope, ScopeSettings settings) {
        return transaction.execute(status -> {
            List<String> statements = SqlFiles.statements("sql/report/recategorize.sql");
            jdbc.update(statements.get(0), scope);
            int rows = jdbc.update(statements.get(1), scope);
            if (settings.retroactiveCategories()) {
                jdbc.update(statements.get(2), scope, scope);
            }
            if (settings.retroactivePoints()) {
                jdbc.update(statements.get(3), scope, scope);
            }
            return rows;
        });
    }
}
