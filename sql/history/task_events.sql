-- The transactions that change a task's state in the history, in the order they were applied.
SELECT t.task_id, t.transaction_type, t.date_modified, t.old_value, t.new_value
  FROM maniphest_transaction t
  JOIN window_task st ON st.task_id = t.task_id
 WHERE t.transaction_type IN ('status', 'priority', 'points', 'core:columns')
 ORDER BY t.task_id, t.date_modified, t.id;
