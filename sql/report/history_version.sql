-- Which reconstruction of the scope's history the report reads: the transaction that last wrote its scope_history
-- row (every reconstruction, full or incremental, writes it in the transaction that writes the history), with the
-- days it covers and the load it was built from. It changes with every reconstruction, even one under a fixed
-- clock that covers the same days. Parameter: the scope.
SELECT concat_ws(' ', 'transaction', xmin, 'days', start_date, last_day, 'load', dump_load_id)
  FROM scope_history
 WHERE scope = ?
