-- The table run_registry: who holds the run locks, as each run wrote it on getting them (runcontrol.RunRegistry).
-- A row speaks for a run only while pg_locks shows its connection holding a Phlogiston lock in this database.

-- name: register
-- Records the run whose locks this connection has just taken. Parameters: lock_scope, mode, command, host, pid.
INSERT INTO run_registry (lock_scope, mode, command, host, pid, started_at, backend_pid)
VALUES (?, ?, ?, ?, ?, now(), pg_backend_pid()) RETURNING id;

-- name: session
-- This connection's backend pid, and its backend's start as text (pid and start tell it from any other).
SELECT pid, backend_start::text FROM pg_stat_activity WHERE pid = pg_backend_pid();

-- name: mark_released
-- Parameter: the row's id.
UPDATE run_registry SET released_at = now() WHERE id = ?;

-- name: unreleased
-- Rows not released, with whether their connection still holds a lock. The backend_start check keeps a crashed
-- run's row from passing for alive when the server gives its backend pid to a later connection. A row stops being
-- listed once a later run of the same claim has finished cleanly: by then its crash is old news.
-- Parameters: the two lock classes.
SELECT r.lock_scope, r.mode, r.command, r.host, r.pid, r.started_at, r.backend_pid,
       EXISTS (SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND l.pid = r.backend_pid AND l.classid IN (?::oid, ?::oid)
                  AND (a.backend_start IS NULL OR a.backend_start <= r.started_at)) AS alive
  FROM run_registry r
 WHERE r.released_at IS NULL
   AND NOT EXISTS (SELECT 1 FROM run_registry later
                    WHERE later.lock_scope = r.lock_scope AND later.mode = r.mode
                      AND later.released_at IS NOT NULL AND later.started_at > r.started_at)
 ORDER BY r.started_at;

-- name: holders
-- The backends holding a lock in a way that refuses the one asked for (any way, if it was asked exclusively).
-- Parameters: the lock's class and object, whether it was asked shared.
SELECT l.pid FROM pg_locks l
 WHERE l.locktype = 'advisory' AND l.granted
   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
   AND l.classid = ?::oid AND l.objid = ?::oid AND l.objsubid = 2
   AND (l.mode = 'ExclusiveLock' OR NOT ?)
 ORDER BY l.pid;
