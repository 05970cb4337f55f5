package org.wikimedia.phlogiston.benchmark.conduit;

import java.util.ArrayList;
import java.util.List;

import org.wikimedia.phlogiston.dump.DumpRows.ColumnRow;
import org.wikimedia.phlogiston.dump.DumpRows.EdgeTransaction;
import org.wikimedia.phlogiston.dump.DumpRows.MembershipInterval;
import org.wikimedia.phlogiston.dump.DumpRows.ProjectRow;
import org.wikimedia.phlogiston.dump.DumpRows.TaskEdge;
import org.wikimedia.phlogiston.dump.DumpRows.TaskRow;
import org.wikimedia.phlogiston.dump.DumpRows.TransactionRow;
import org.wikimedia.phlogiston.dump.DumpSink;

/** Every row handed over, in order. */
public final class RecordingSink implements DumpSink {

    public final List<Object> rows = new ArrayList<>();

    @Override
    public void project(ProjectRow project) {
        rows.add(project);
    }

    @Override
    public void column(ColumnRow column) {
        rows.add(column);
    }

    @Override
    public void task(TaskRow task) {
        rows.add(task);
    }

    @Override
    public void transaction(TransactionRow transaction) {
        rows.add(transaction);
    }

    @Override
    public void edgeTransaction(EdgeTransaction transaction) {
        rows.add(transaction);
    }

    @Override
    public void membership(MembershipInterval interval) {
        rows.add(interval);
    }

    @Override
    public void taskEdge(TaskEdge edge) {
        rows.add(edge);
    }

    /** The rows of one kind, in order. */
    public <T> List<T> of(Class<T> kind) {
        return rows.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
