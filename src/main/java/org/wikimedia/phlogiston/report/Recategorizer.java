package org.wikimedia.phlogiston.report;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.wikimedia.phlogiston.database.SqlFiles;
import org.wikimedia.phlogiston.history.ScopeReconstructor;
import org.wikimedia.phlogiston.scope.ResolvedScope;
import org.wikimedia.phlogiston.scope.ScopeSettings;

/**
 * The report's first stages: each task-day of a scope's history gets its category (sql/report/recategorize.sql),
 * then the categorized days are summed up per day, category, status and maint_type (sql/report/aggregate.sql).
 */
@Component
public class Recategorizer {

    /** How much earlier than backlog_resolved_cutoff the last quarter's burnup starts, as the original counted. */
    static final int LAST_QUARTER_DAYS = 91;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate namedJdbc;
    private final TransactionTemplate transaction;
    private final ScopeReconstructor reconstructor;

    public Recategorizer(JdbcTemplate jdbc, NamedParameterJdbcTemplate namedJdbc, TransactionTemplate transaction,
                         ScopeReconstructor reconstructor) {
        this.jdbc = jdbc;
        this.namedJdbc = namedJdbc;
        this.transaction = transaction;
        this.reconstructor = reconstructor;
    }

    /**
     * Replaces the scope's rows of task_on_date_recategorized; returns how many there are. First writes the scope's
     * rules as they are now to the table category, which the recategorization and the data files read: a scope
     * owner who edits the rules and runs only the report sees them applied everywhere.
     */
    public int recategorize(ResolvedScope resolved) {
        String scope = resolved.scope().prefix();
        ScopeSettings settings = resolved.scope().settings();
        return transaction.execute(status -> {
            reconstructor.storeRules(resolved);
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

    /** Replaces the scope's rows of task_on_date_agg (all three ranges); returns how many there are. */
    public int aggregate(String scope, ScopeSettings settings, LocalDate asOf) {
        LocalDate cutoff = settings.resolvedCutoff(asOf);
        MapSqlParameterSource parameters = new MapSqlParameterSource("scope", scope).addValue("as_of", asOf)
                .addValue("cutoff", cutoff)
                .addValue("cutoff_lastq", cutoff == null ? null : cutoff.minusDays(LAST_QUARTER_DAYS));
        return transaction.execute(status -> {
            List<String> statements = SqlFiles.statements("sql/report/aggregate.sql");
            namedJdbc.update(statements.get(0), parameters);
            return namedJdbc.update(statements.get(1), parameters);
        });
    }
}
