package org.wikimedia.phlogiston.history;

import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

import org.wikimedia.phlogiston.database.CopyTable;
import org.wikimedia.phlogiston.database.SqlFiles;
import org.wikimedia.phlogiston.history.TaskFacts.Change;
import org.wikimedia.phlogiston.history.TaskFacts.ColumnMove;
import org.wikimedia.phlogiston.history.TaskFacts.Membership;
import org.wikimedia.phlogiston.scope.ResolvedRule;

/**
 * Reads what reconstruction needs from the loaded dump and writes scopes' histories. Every method runs in the
 * caller's transaction: a reconstruction reads and writes in one, so it commits all of its rows or none.
 */
@Repository
class HistoryStore {

    /**
     * A scope's reconstructed days, as recorded in scope_history, and the load they were built from (null for a
     * history that does not say).
     */
    record Coverage(LocalDate startDate, LocalDate lastDay, Long loadId) {
    }

    private static final String LOADED_DUMP = "sql/history/loaded_dump.sql";
    private static final String SCOPE_TASKS = "sql/history/scope_tasks.sql";
    private static final String WRITE_INTERVALS = "sql/history/write_intervals.sql";
    private static final String MERGE_INTERVALS = "sql/history/merge_intervals.sql";
    private static final String SCOPE_HISTORY = "sql/history/scope_history.sql";
    private static final String CATEGORIES = "sql/history/categories.sql";

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final ObjectMapper json;

    HistoryStore(JdbcTemplate jdbc, DataSource dataSource, ObjectMapper json) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.json = json;
    }

    Map<Integer, String> projectNames() {
        return map(jdbc, SqlFiles.statement(LOADED_DUMP, "project_names"), rs -> rs.getInt(1), rs -> rs.getString(2));
    }

    Map<Integer, String> projectPhids() {
        return map(jdbc, SqlFiles.statement(LOADED_DUMP, "project_phids"), rs -> rs.getInt(1), rs -> rs.getString(2));
    }

    Map<String, String> columnNames() {
        return map(jdbc, SqlFiles.statement(LOADED_DUMP, "column_names"), rs -> rs.getString(1), rs -> rs.getString(2));
    }

    /** The latest change in the loaded dump, and the load it came from. */
    Optional<Map.Entry<Long, Instant>> currentLoad() {
        return jdbc.query(SqlFiles.statement(LOADED_DUMP, "current_load"),
                (rs, row) -> Map.entry(rs.getLong(1), rs.getTimestamp(2).toInstant())).stream().findFirst();
    }

    Optional<Coverage> coverage(String scope) {
        return jdbc.query(SqlFiles.statement(SCOPE_HISTORY, "coverage"),
                (rs, row) -> new Coverage(rs.getDate(1).toLocalDate(), rs.getDate(2).toLocalDate(), rs.getObject(3, Long.class)),
                scope).stream().findFirst();
    }

    /** The scope's rules as its last reconstruction stored them, in priority order, each described by {@link #describe}. */
    List<String> storedRules(String scope) {
        return jdbc.query(SqlFiles.read("sql/history/stored_rules.sql"), (rs, row) -> describe(rs.getString("rule"),
                List.of((Integer[]) rs.getArray("project_id_list").getArray()), rs.getString("matchstring"),
                rs.getString("title"), rs.getString("display"), rs.getBoolean("include_in_status"),
                rs.getString("force_status")), scope);
    }

    /** The projects the scope's stored rules name, in rule order, each once: those its history was built with. */
    List<Integer> storedProjectIds(String scope) {
        return jdbc.queryForList(SqlFiles.read("sql/history/stored_projects.sql"), Integer.class, scope);
    }

    /** A rule in the words of {@link #storedRules}: one text per rule, equal when the rules are. */
    static String describe(ResolvedRule rule) {
        return describe(rule.type().fileName(), rule.projectIds(), rule.matchString(), rule.title(),
                displayName(rule), rule.includeInStatus(), rule.forceStatus());
    }

    private static String describe(String type, List<Integer> projectIds, String matchString, String title, String display,
                                   boolean includeInStatus, String forceStatus) {
        return "%s %s%s -> '%s', %s%s%s".formatted(type, projectIds.stream().map(String::valueOf).collect(Collectors.joining(" ")),
                matchString == null ? "" : " '" + matchString + "'", title, display,
                includeInStatus ? ", in the status report" : "",
                forceStatus == null || forceStatus.isEmpty() ? "" : ", forced " + forceStatus);
    }

    private static String displayName(ResolvedRule rule) {
        return rule.display().name().toLowerCase(Locale.ROOT);
    }

    /** The tasks that can be in the scope between the two instants, with their changes in the order applied. */
    Map<Integer, TaskFacts> readTasks(ScopeContext scope, Instant from, Instant until, int categoryTag, int goalTag) {
        Integer[] projects = scope.projectIds().toArray(Integer[]::new);
        jdbc.update(SqlFiles.statement(SCOPE_TASKS, "scope_task"), (Object) projects);
        jdbc.update(SqlFiles.statement(SCOPE_TASKS, "window_task"), projects, Timestamp.from(until), Timestamp.from(from));
        jdbc.execute(SqlFiles.statement(SCOPE_TASKS, "analyze_scope_task"));
        jdbc.execute(SqlFiles.statement(SCOPE_TASKS, "analyze_window_task"));
        Map<Integer, TaskFacts> tasks = new LinkedHashMap<>();
        jdbc.query(SqlFiles.read("sql/history/task_facts.sql"), rs -> {
            int id = rs.getInt("id");
            tasks.put(id, new TaskFacts(id, rs.getString("status_at_load"), instant(rs, "date_modified"),
                    (Integer) rs.getObject("points_at_load"), (Integer) rs.getObject("priority"), rs.getString("category_title")));
        }, categoryTag, goalTag);
        Integer[] historyProjects = Stream.concat(scope.projectIds().stream(),
                Stream.of(scope.newFunctionalityTag(), scope.maintenanceTag())).toArray(Integer[]::new);
        jdbc.query(SqlFiles.read("sql/history/task_memberships.sql"), rs -> {
            tasks.get(rs.getInt("task_id")).memberships.add(
                    new Membership(rs.getInt("project_id"), instant(rs, "valid_from"), instant(rs, "valid_to")));
        }, (Object) historyProjects);
        jdbc.query(SqlFiles.read("sql/history/task_events.sql"), rs -> {
            addEvent(tasks.get(rs.getInt("task_id")), rs.getString("transaction_type"), instant(rs, "date_modified"),
                    rs.getString("old_value"), rs.getString("new_value"));
        });
        return tasks;
    }

    private void addEvent(TaskFacts task, String type, Instant at, String oldValue, String newValue) {
        switch (type) {
            case "status" -> task.statusChanges.add(new Change(at, scalar(oldValue), scalar(newValue)));
            case "priority" -> task.priorityChanges.add(new Change(at, scalar(oldValue), scalar(newValue)));
            // As in the original, points count only when the JSON is a plain integer: "8" (a string) does not.
            case "points" -> task.pointsChanges.add(new Change(at, oldValue, newValue));
            case "core:columns" -> columnMoves(newValue).forEach(move -> task.columnMoves.add(new ColumnMove(at, move[0], move[1])));
            default -> throw new IllegalArgumentException("Not a history transaction type: " + type);
        }
    }

    /** The value inside a JSON text ("\"open\"" is open, "90" is 90); null for null or damaged JSON. */
    private String scalar(String jsonText) {
        JsonNode node = parse(jsonText);
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    /** Every move of a core:columns value, as [board PHID, column PHID]; a value of another shape moves nothing. */
    private List<String[]> columnMoves(String jsonText) {
        JsonNode moves = parse(jsonText);
        if (moves == null || !moves.isArray()) {
            return List.of();
        }
        List<String[]> result = new ArrayList<>();
        for (JsonNode move : moves) {
            JsonNode board = move.get("boardPHID");
            JsonNode column = move.get("columnPHID");
            if (board != null && column != null) {
                result.add(new String[] {board.asText(), column.asText()});
            }
        }
        return result;
    }

    private JsonNode parse(String jsonText) {
        if (jsonText == null || jsonText.isBlank()) {
            return null;
        }
        try {
            return json.readTree(jsonText);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * Stores the intervals computed from {@code firstDay} on: replacing the scope's history (full) or continuing
     * it (incremental, where {@code firstDay} is the last day stored, computed again).
     */
    void writeIntervals(String scope, Iterable<StateInterval> intervals, boolean full, LocalDate firstDay) throws SQLException {
        jdbc.execute(SqlFiles.statement(WRITE_INTERVALS, "create_new_interval"));
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyTable.copy(connection, "new_interval", "scope, id, first_day, last_day, status, project_id, "
                    + "project, projectcolumn, points, maint_type, priority, category_title, projects", copy -> {
                        for (StateInterval interval : intervals) {
                            DayState s = interval.state();
                            copy.text(scope).number(interval.taskId()).text(interval.firstDay().toString())
                                    .text(interval.lastDay().toString()).text(s.status()).number(s.projectId()).text(s.project())
                                    .text(s.projectColumn()).number(s.points()).text(s.maintType()).number(s.priority())
                                    .text(s.categoryTitle()).integerArray(s.projects()).endRow();
                        }
                    });
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        jdbc.execute(SqlFiles.statement(WRITE_INTERVALS, "analyze_new_interval"));
        if (full) {
            jdbc.update(SqlFiles.statement(WRITE_INTERVALS, "delete_history"), scope);
        } else {
            Date first = Date.valueOf(firstDay);
            jdbc.update(SqlFiles.statement(MERGE_INTERVALS, "give_up_first_day"), scope, first);
            jdbc.update(SqlFiles.statement(MERGE_INTERVALS, "end_before_first_day"), first, scope, first);
            jdbc.update(SqlFiles.statement(MERGE_INTERVALS, "extend_unchanged"), first, first);
        }
        jdbc.update(SqlFiles.statement(WRITE_INTERVALS, "insert_new_intervals"));
    }

    void recordCoverage(String scope, LocalDate startDate, LocalDate lastDay, boolean full, long loadId, Instant now) {
        jdbc.update(SqlFiles.statement(SCOPE_HISTORY, "record_coverage"),
                scope, Date.valueOf(startDate), Date.valueOf(lastDay), Timestamp.from(now), Timestamp.from(now), loadId, full);
    }

    void replaceCategories(String scope, List<ResolvedRule> rules) {
        jdbc.update(SqlFiles.statement(CATEGORIES, "delete_categories"), scope);
        jdbc.batchUpdate(SqlFiles.statement(CATEGORIES, "insert_category"),
                rules.stream().map(rule -> new Object[] {scope, rule.sortOrder(), rule.type().fileName(),
                        rule.projectIds().toArray(Integer[]::new), rule.projectNames().toArray(String[]::new),
                        rule.matchString(), rule.title(), displayName(rule),
                        rule.includeInStatus(), rule.forceStatus()}).toList());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private interface Column<T> {
        T get(ResultSet rs) throws SQLException;
    }

    private static <K, V> Map<K, V> map(JdbcTemplate jdbc, String sql, Column<K> key, Column<V> value) {
        Map<K, V> map = new HashMap<>();
        jdbc.query(sql, rs -> {
            map.put(key.get(rs), value.get(rs));
        });
        return map;
    }
}
