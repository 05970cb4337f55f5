package org.wikimedia.phlogiston.dump;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.wikimedia.phlogiston.database.BinaryCopyTable;
import org.wikimedia.phlogiston.dump.DumpRows.ColumnRow;
import org.wikimedia.phlogiston.dump.DumpRows.EdgeTransaction;
import org.wikimedia.phlogiston.dump.DumpRows.MembershipInterval;
import org.wikimedia.phlogiston.dump.DumpRows.ProjectRow;
import org.wikimedia.phlogiston.dump.DumpRows.TaskEdge;
import org.wikimedia.phlogiston.dump.DumpRows.TaskRow;
import org.wikimedia.phlogiston.dump.DumpRows.TransactionRow;

/**
 * Streams the parsed rows into the staging schema, one binary COPY per table (the server parses no text), each
 * over its own connection so that the server works on all of them while the parser reads on. Each value is
 * written as its column's type (sql/migration, sql/load/prepare_staging.sql). The schema must have been prepared
 * ({@code sql/load/prepare_staging.sql}).
 */
final class StagingWriter implements DumpSink, AutoCloseable {

    private final List<Connection> connections = new ArrayList<>();
    private final List<BinaryCopyTable> tables = new ArrayList<>();
    /** The published tables filled by COPY alone, by name: their row counts are the COPYs'. */
    private final Map<String, BinaryCopyTable> published = new LinkedHashMap<>();
    private boolean finished;
    private final BinaryCopyTable projects;
    private final BinaryCopyTable columns;
    private final BinaryCopyTable tasks;
    private final BinaryCopyTable transactions;
    private final BinaryCopyTable memberships;
    private final BinaryCopyTable taskEdges;

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

    private BinaryCopyTable published(DataSource dataSource, String table, String columnList) throws SQLException {
        String staged = "load_staging." + table;
        BinaryCopyTable copy = open(dataSource, staged, columnList,
                "CREATE TABLE " + staged + " (LIKE public." + table + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
        published.put(table, copy);
        return copy;
    }

    private BinaryCopyTable raw(DataSource dataSource, String table, String columnList) throws SQLException {
        return open(dataSource, "load_staging." + table, columnList, null);
    }

    /** Each table gets a connection of its own, in a transaction of its own, for the whole parse. */
    private BinaryCopyTable open(DataSource dataSource, String table, String columnList, String createSql) throws SQLException {
        Connection connection = dataSource.getConnection();
        connections.add(connection);
        connection.setAutoCommit(false);
        BinaryCopyTable copy = new BinaryCopyTable(connection, table, columnList, createSql);
        tables.add(copy);
        return copy;
    }

    @Override
    public void project(ProjectRow p) {
        write(projects.int4(p.id()).text(p.name()).text(p.phid()).timestamptz(p.dateCreated()).timestamptz(p.dateModified())
                .text(p.icon()).text(p.color()));
    }

    @Override
    public void column(ColumnRow c) {
        write(columns.int4(c.id()).text(c.phid()).text(c.name()).text(c.projectPhid()).int4(c.status())
                .int4(c.sequence()).timestamptz(c.dateCreated()).timestamptz(c.dateModified()));
    }

    @Override
    public void task(TaskRow t) {
        write(tasks.int4(t.id()).text(t.phid()).text(t.title()).text(t.storyPoints()).text(t.statusAtLoad())
                .timestamptz(t.dateModified()).int4(t.priority()).timestamptz(t.dateCreated()).text(t.authorPhid())
                .text(t.ownerPhid()).int4(t.pointsAtLoad()));
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
        write(transactions.int8(r.id()).text(r.phid()).int4(r.taskId()).text(r.objectPhid()).text(r.type())
                .text(r.newValue()).timestamptz(r.dateModified()).text(r.oldValue()).text(r.metadata())
                .text(r.authorPhid()).timestamptz(r.dateCreated()).bool(projectPhidsAfter != null).textArray(projectPhidsAfter));
    }

    @Override
    public void membership(MembershipInterval m) {
        write(memberships.int4(m.taskId()).text(m.projectPhid()).timestamptz(m.from()).timestamptz(m.to()));
    }

    @Override
    public void taskEdge(TaskEdge e) {
        write(taskEdges.int4(e.taskId()).int4(e.type()).text(e.destinationPhid()));
    }

    private static void write(BinaryCopyTable row) {
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
        Map<BinaryCopyTable, Long> rows = new HashMap<>();
        for (BinaryCopyTable table : tables) {
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
