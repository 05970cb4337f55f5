package org.wikimedia.phlogiston.report.flow;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.database.SqlFiles;
import org.wikimedia.phlogiston.scope.Workflow;

/** Reads a scope's history intervals (sql/report/flow/task_intervals.sql) and computes its flow metrics. */
@Component
public class FlowReader {

    private final NamedParameterJdbcTemplate jdbc;

    public FlowReader(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The flow metrics of the scope's history up to {@code latestData}, under {@code workflow}. */
    public FlowMetrics metrics(String scope, Workflow workflow, LocalDate latestData) {
        return FlowCalculator.compute(workflow, intervals(scope, latestData), latestData);
    }

    /** The scope's history up to {@code latestData} as the flow metrics read it: by task, then first day. */
    public List<TaskInterval> intervals(String scope, LocalDate latestData) {
        return jdbc.query(SqlFiles.read("sql/report/flow/task_intervals.sql"),
                new MapSqlParameterSource("scope", scope).addValue("latest", latestData),
                (row, rowNumber) -> new TaskInterval(row.getInt("id"), row.getObject("first_day", LocalDate.class),
                        row.getObject("last_day", LocalDate.class), row.getString("status"), row.getString("project"),
                        row.getString("projectcolumn"), row.getObject("points", Integer.class)));
    }
}
