-- What the database is doing for its clients other than the asker, oldest statement first: at a kill, what the
-- killed process was running.
SELECT pid, state, extract(epoch FROM clock_timestamp() - query_start) AS seconds,
       coalesce(wait_event_type || ':' || wait_event, '') AS waiting, regexp_replace(query, '\s+', ' ', 'g') AS query
  FROM pg_stat_activity
 WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()
   AND state <> 'idle'
 ORDER BY query_start
