package org.wikimedia.phlogiston.report;

import java.time.LocalDate;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.wikimedia.phlogiston.database.SqlFiles;
import org.wikimedia.phlogiston.scope.ResolvedScope;
import org.wikimedia.phlogiston.scope.ScopeSettings;

/**
 * The report's first stages: each interval of unchanged state of a scope's history gets its category
 * (sql/report/recategorize.sql, table task_category_interval), then the categorized intervals are summed up per day,
 * category, status and maint_type (sql/report/aggregate.sql) without being spread over their days.
 */
@Component
public class Recategorizer {

    /** How much earlier than backlog_resolved_cutoff the last quarter's burnup starts, as the original counted. */
    static final int LAST_QUARTER_DAYS = 91;

    private static final String RECATEGORIZE = "sql/report/recategorize.sql";
    private static final String AGGREGATE = "sql/report/aggregate.sql";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate namedJdbc;
    private final TransactionTemplate transaction;

    public Recategorizer(JdbcTemplate jdbc, NamedParameterJdbcTemplate namedJdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.namedJdbc = namedJdbc;
        this.transaction = transaction;
    }

    /**
     * Replaces the scope's recategorized intervals (task_category_interval, seen one row per day through the view
     * task_on_date_recategorized); returns how many task-days they cover. The rules are those the history's last
     * reconstruction stored in the table category (the report checks first that the scope's files still say the
     * same, see HistoryFreshness), matched once per interval of the view task_state.
     */
    public long recategorize(ResolvedScope resolved) {
        String scope = resolved.scope().prefix();
        ScopeSettings settings = resolved.scope().settings();
        return transaction.execute(status -> {
            jdbc.update(SqlFiles.statement(RECATEGORIZE, "delete_intervals"), scope);
            jdbc.update(SqlFiles.statement(RECATEGORIZE, "insert_intervals"), scope);
            jdbc.execute(SqlFiles.statement(RECATEGORIZE, "analyze_intervals"));
            if (settings.retroactiveCategories()) {
                jdbc.update(SqlFiles.statement(RECATEGORIZE, "retroactive_categories"), scope, scope);
            }
            if (settings.retroactivePoints()) {
                jdbc.update(SqlFiles.statement(RECATEGORIZE, "retroactive_points"), scope, scope);
            }
            return jdbc.queryForObject(SqlFiles.statement(RECATEGORIZE, "task_days"), Long.class, scope);
        });
    }

    /** Replaces the scope's rows of task_on_date_agg (all three ranges); returns how many there are. */
    public int aggregate(String scope, ScopeSettings settings, LocalDate asOf) {
        LocalDate cutoff = settings.resolvedCutoff(asOf);
        MapSqlParameterSource parameters = new MapSqlParameterSource("scope", scope).addValue("as_of", asOf)
                .addValue("cutoff", cutoff)
                .addValue("cutoff_lastq", cutoff == null ? null : cutoff.minusDays(LAST_QUARTER_DAYS));
        return transaction.execute(status -> {
            namedJdbc.update(SqlFiles.statement(AGGREGATE, "delete_sums"), parameters);
            int rows = namedJdbc.update(SqlFiles.statement(AGGREGATE, "insert_sums"), parameters);
            jdbc.execute(SqlFiles.statement(AGGREGATE, "analyze_sums"));
            return rows;
        });
    }
}
