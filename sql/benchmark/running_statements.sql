-- What the database is doing for its clients other than the asker: at a kill, what the killed process was running.
-- Statements at work come first (not those waiting for their client, as a COPY waiting for rows), the oldest first;
-- the comment lines that open the SQL files are left out.
SELECT pid, state, extract(epoch FROM clock_timestamp() - query_start) AS seconds,
       coalesce(wait_event_type || ':' || wait_event, '') AS waiting,
       regexp_replace(regexp_replace(query, '^(\s*--[^\n]*\n)+', ''), '\s+', ' ', 'g') AS query
  FROM pg_stat_activity
 WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()
   AND state <> 'idle'
 ORDER BY state = 'active' AND wait_event IS DISTINCT FROM 'ClientRead' DESC, query_start
