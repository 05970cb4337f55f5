package org.wikimedia.phlogiston.dump;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.wikimedia.phlogiston.database.CopyTable;
import org.wikimedia.phlogiston.dump.DumpRows.ColumnRow;
import org.wikimedia.phlogiston.dump.DumpRows.EdgeTransaction;
import org.wikimedia.phlogiston.dump.DumpRows.MembershipInterval;
import org.wikimedia.phlogiston.dump.DumpRows.ProjectRow;
import org.wikimedia.phlogiston.dump.DumpRows.TaskEdge;
import org.wikimedia.phlogiston.dump.DumpRows.TaskRow;
import org.wikimedia.phlogiston.dump.DumpRows.TransactionRow;

/**
 * Streams the parsed rows into the staging schema, one COPY per table, each over its own connection so that
 * the server works on all of them while the parser reads on. The schema must have been prepared
 * ({@code sql/load/prepare_staging.sql}).
 */
final class StagingWriter implements DumpSink, AutoCloseable {

    private final List<Connection> connections = new ArrayList<>();
    private final List<CopyTable> tables = new ArrayList<>();
    /** The published tables filled by COPY alone, by name: their row counts are the COPYs'. */
    private final Map<String, CopyTable> published = new LinkedHashMap<>();
    private boolean finished;
    private final CopyTable projects;
    private final CopyTable columns;
    private final CopyTable tasks;
    private final CopyTable transactions;
    private final CopyTable memberships;
    private final CopyTable taskEdges;

    StagingWriter(DataSource dataSource) throws SQLException {
        try {
            projects = published(dataSource, "phabricator_project", "id, name, phid, date_created, date_modified, icon, color");
            columns = raw(dataSource, "column_row", "id, phid, name, project_phid, status, sequence, date_created, date_modified");
            tasks = published(dataSource, "maniphest_task", "id, phid, title, story_points, status_at_load, date_modified, "
                    + "priority, date_created, author_phid, owner_phid, points_at_load");
            transactions = published(dataSource, "maniphest_transaction", "id, phid, task_id, object_phid, transaction_type, "
                    + "new_value, date_modified, old_value, metadata, author_phid, date_created, has_edge_data, project_phids_after");
            memberships = raw(dataSource, "membership_row", "task_id, project_phid, valid_from, valid_to");
            taskEdges = raw(dataSource, "task_edge_row", "task_id, edge_type, destination_phid");
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private CopyTable published(DataSource dataSource, String table, String columnList) throws SQLException {
        String staged = "load_staging." + table;
        CopyTable copy = open(dataSource, staged, columnList,
                "CREATE TABLE " + staged + " (LIKE public." + table + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
        published.put(table, copy);
        return copy;
    }

    private CopyTable raw(DataSource dataSource, String table, String columnList) throws SQLException {
        return open(dataSource, "load_staging." + table, columnList, null);
    }

    /** Each table gets a connection of its own, in a transaction of its own, for the whole parse. */
    private CopyTable open(DataSource dataSource, String table, String columnList, String createSql) throws SQLException {
        Connection connection = dataSource.getConnection();
        connections.add(connection);
        connection.setAutoCommit(false);
        CopyTable copy = new CopyTable(connection, table, columnList, createSql);
        tables.add(copy);
        return copy;
    }

    @Override
    public void project(ProjectRow p) {
        write(projects.number(p.id()).text(p.name()).text(p.phid()).instant(p.dateCreated()).instant(p.dateModified())
                .text(p.icon()).text(p.color()));
    }

    @Override
    public void column(ColumnRow c) {
        write(columns.number(c.id()).text(c.phid()).text(c.name()).text(c.projectPhid()).number(c.status())
                .number(c.sequence()).instant(c.dateCreated()).instant(c.dateModified()));
    }

    @Override
    public void task(TaskRow t) {
        write(tasks.number(t.id()).text(t.phid()).text(t.title()).text(t.storyPoints()).text(t.statusAtLoad())
                .instant(t.dateModified()).number(t.priority()).instant(t.dateCreated()).text(t.authorPhid())
                .text(t.ownerPhid()).number(t.pointsAtLoad()));
    }

    @Override
    public void transaction(TransactionRow row) {
        writeTransaction(row, null);
    }

    @Override
    public void edgeTransaction(EdgeTransaction edge) {
        writeTransaction(edge.row(), edge.projectPhidsAfter());
    }

    private void writeTransaction(TransactionRow r, List<String> projectPhidsAfter) {
        write(transactions.number(r.id()).text(r.phid()).number(r.taskId()).text(r.objectPhid()).text(r.type())
                .text(r.newValue()).instant(r.dateModified()).text(r.oldValue()).text(r.metadata())
                .text(r.authorPhid()).instant(r.dateCreated()).bool(projectPhidsAfter != null).textArray(projectPhidsAfter));
    }

    @Override
    public void membership(MembershipInterval m) {
        write(memberships.number(m.taskId()).text(m.projectPhid()).instant(m.from()).instant(m.to()));
    }

    @Override
    public void taskEdge(TaskEdge e) {
        write(taskEdges.number(e.taskId()).number(e.type()).text(e.destinationPhid()));
    }

    private static void write(CopyTable row) {
        try {
            row.endRow();
        } catch (SQLException e) {
            throw new StagingFailed("Could not write to " + row.table() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Ends every COPY and commits it. Returns the rows of the published tables that COPY alone fills (nothing
     * changes them later), as the server counted them, so that nobody counts millions of rows again.
     */
    Map<String, Long> finish() throws SQLException {
        Map<CopyTable, Long> rows = new HashMap<>();
        for (CopyTable table : tables) {
            rows.put(table, table.finish());
        }
        for (Connection connection : connections) {
            connection.commit();
        }
        finished = true;
        Map<String, Long> publishedRows = new LinkedHashMap<>();
        published.forEach((table, copy) -> publishedRows.put(table, rows.get(copy)));
        return publishedRows;
    }

    /** Gives the connections back; COPYs not finished are cancelled and rolled back. */
    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (int i = 0; i < connections.size(); i++) {
            try (Connection connection = connections.get(i)) {
                if (!finished) {
                    if (i < tables.size()) {
                        tables.get(i).cancel();
                    }
                    connection.rollback();
                }
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The database refused a staged row; the load cannot go on. */
    static final class StagingFailed extends RuntimeException {
        StagingFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
