-- Where a fetch goes on after a page (parameters: pass, cursor, requests, tasks, transactions, the fetch).
UPDATE conduit_fetch
SET project_index = ?, cursor = ?, requests = requests + ?, tasks_fetched = tasks_fetched + ?,
    transactions_fetched = transactions_fetched + ?
WHERE id = ?
