package org.wikimedia.phlogiston.dump;

import org.wikimedia.phlogiston.dump.DumpRows.ColumnRow;
import org.wikimedia.phlogiston.dump.DumpRows.EdgeTransaction;
import org.wikimedia.phlogiston.dump.DumpRows.MembershipInterval;
import org.wikimedia.phlogiston.dump.DumpRows.ProjectRow;
import org.wikimedia.phlogiston.dump.DumpRows.TaskEdge;
import org.wikimedia.phlogiston.dump.DumpRows.TaskRow;
import org.wikimedia.phlogiston.dump.DumpRows.TransactionRow;

/** Receives the rows of a dump in the order the parser reads them. */
public interface DumpSink {

    void project(ProjectRow project);

    void column(ColumnRow column);

    void task(TaskRow task);

    /** Any transaction but core:edge ones, which come through {@link #edgeTransaction}. */
    void transaction(TransactionRow transaction);

    void edgeTransaction(EdgeTransaction transaction);

    void membership(MembershipInterval interval);

    void taskEdge(TaskEdge edge);
}
