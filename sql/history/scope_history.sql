-- Which days of a scope are reconstructed, and from which load (history.HistoryStore).

-- name: coverage
-- Parameter: the scope.
SELECT start_date, last_day, dump_load_id FROM scope_history WHERE scope = ?;

-- name: record_coverage
-- Parameters: the scope, start_date, last_day, rebuilt_at, extended_at, dump_load_id, whether the run was full.
INSERT INTO scope_history AS h (scope, start_date, last_day, rebuilt_at, extended_at, dump_load_id)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (scope) DO UPDATE SET start_date = excluded.start_date, last_day = excluded.last_day,
    rebuilt_at = CASE WHEN ? THEN excluded.rebuilt_at ELSE h.rebuilt_at END,
    extended_at = excluded.extended_at, dump_load_id = excluded.dump_load_id;
