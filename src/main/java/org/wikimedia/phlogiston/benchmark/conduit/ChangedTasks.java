package org.wikimedia.phlogiston.benchmark.conduit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.wikimedia.phlogiston.dump.DumpRows.ColumnRow;
import org.wikimedia.phlogiston.dump.DumpRows.EdgeTransaction;
import org.wikimedia.phlogiston.dump.DumpRows.MembershipInterval;
import org.wikimedia.phlogiston.dump.DumpRows.ProjectRow;
import org.wikimedia.phlogiston.dump.DumpRows.TaskEdge;
import org.wikimedia.phlogiston.dump.DumpRows.TaskRow;
import org.wikimedia.phlogiston.dump.DumpRows.TransactionRow;
import org.wikimedia.phlogiston.dump.DumpSink;

/**
 * A dump's rows as an install answers a fetch of the tasks modified since a time: every project and column, and
 * only the tasks modified at or after it, with their rows. The rows of a 400,000-task dump do not fit a benchmark's
 * heap, and {@code maniphest.search} with {@code modifiedStart} answers with no other task, so no other task's
 * transactions are ever asked for. On the way it takes the shape of the whole dump (tasks, transactions, subtask
 * edges), from which {@link #fullFetchRequests(int)} counts what a full first fetch of every task asks.
 */
public final class ChangedTasks implements DumpSink {

    /** What a full fetch asks about one task: its transaction pages, whether gettasktransactions too, its subtasks. */
    private static final class TaskShape {
        boolean served;
        int transactions;
        boolean untyped;
        int subtasks;
    }

    private final long sinceSeconds;
    private final RecordingSink kept = new RecordingSink();
    // The parser hands over a task's transactions and edges before its info row, which says whether it changed.
    private final List<Object> pending = new ArrayList<>();
    private final Map<Integer, TaskShape> shapes = new HashMap<>();
    private boolean keeping;
    private int projects;
    private int columns;

    public ChangedTasks(Instant since) {
        sinceSeconds = since.getEpochSecond();
    }

    /** The projects, the columns and the changed tasks' rows, for {@link DumpAsConduit#DumpAsConduit(RecordingSink)}. */
    public RecordingSink rows() {
        return kept;
    }

    @Override
    public void project(ProjectRow project) {
        projects++;
        kept.project(project);
    }

    @Override
    public void column(ColumnRow column) {
        columns++;
        kept.column(column);
    }

    @Override
    public void task(TaskRow task) {
        shape(task.id()).served = task.phid() != null;
        // as DumpAsConduit compares: in whole seconds, a task without a date never matches
        keeping = task.dateModified() != null && task.dateModified().getEpochSecond() >= sinceSeconds;
        if (keeping) {
            pending.forEach(kept.rows::add);
            kept.task(task);
        }
        pending.clear();
    }

    @Override
    public void transaction(TransactionRow transaction) {
        counted(transaction);
        pending.add(transaction);
    }

    @Override
    public void taskEdge(TaskEdge edge) {
        if (edge.type() != DumpAsConduit.PROJECT_EDGE) {
            shape(edge.taskId()).subtasks++;
        }
        pending.add(edge);
    }

    /** Handed over after its task's info row, as the memberships are. */
    @Override
    public void edgeTransaction(EdgeTransaction transaction) {
        counted(transaction.row());
        if (keeping) {
            kept.edgeTransaction(transaction);
        }
    }

    @Override
    public void membership(MembershipInterval interval) {
        if (keeping) {
            kept.membership(interval);
        }
    }

    /**
     * The requests, by method, that a full first fetch of every task makes with pages of {@code pageSize}, as
     * ConduitReader asks them: the pages of projects and of columns; one maniphest.search for the highest task id,
     * then per page of tasks one maniphest.search, the pages of its subtask edges (edge.search), per task the pages
     * of its transactions (transaction.search), and one maniphest.gettasktransactions when a task of the page has
     * a transaction that transaction.search gives no type.
     */
    public Map<String, Long> fullFetchRequests(int pageSize) {
        List<TaskShape> tasks = new TreeMap<>(shapes).values().stream().filter(task -> task.served).toList();
        Map<String, Long> requests = new TreeMap<>();
        requests.put("project.search", pages(projects, pageSize));
        requests.put("project.column.search", pages(columns, pageSize));
        requests.put("maniphest.search", 1 + pages(tasks.size(), pageSize));
        long edgePages = 0;
        long transactionPages = 0;
        long storedEdgeCalls = 0;
        for (int first = 0; first < tasks.size(); first += pageSize) {
            List<TaskShape> page = tasks.subList(first, Math.min(tasks.size(), first + pageSize));
            edgePages += pages(page.stream().mapToInt(task -> task.subtasks).sum(), pageSize);
            transactionPages += page.stream().mapToLong(task -> pages(task.transactions, pageSize)).sum();
            storedEdgeCalls += page.stream().anyMatch(task -> task.untyped) ? 1 : 0;
        }
        requests.put("edge.search", edgePages);
        requests.put("transaction.search", transactionPages);
        requests.put("maniphest.gettasktransactions", storedEdgeCalls);
        return requests;
    }

    /** Tasks a full fetch gets (those with a PHID, as DumpAsConduit serves). */
    public long servedTasks() {
        return shapes.values().stream().filter(task -> task.served).count();
    }

    /** Transactions transaction.search answers with for those tasks. */
    public long servedTransactions() {
        return shapes.values().stream().filter(task -> task.served).mapToLong(task -> task.transactions).sum();
    }

    private void counted(TransactionRow row) {
        TaskShape task = shape(row.taskId());
        if (!DumpAsConduit.served(row)) {
            return;
        }
        try {
            boolean untyped = DumpAsConduit.servedType(row) == null;
            task.transactions++;
            task.untyped |= untyped;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("transaction " + row.id() + " is served, so its metadata is JSON", e);
        }
    }

    private TaskShape shape(int taskId) {
        return shapes.computeIfAbsent(taskId, id -> new TaskShape());
    }

    /** A search answers even nothing with one page. */
    private static long pages(long items, int pageSize) {
        return Math.max(1, (items + pageSize - 1) / pageSize);
    }
}
