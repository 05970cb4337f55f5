-- Who holds the run locks. Runs are kept apart by PostgreSQL advisory locks (runcontrol.RunLock): a load takes
-- the global lock exclusively, a scope job takes it shared plus its scope's lock exclusively. A lock does not say
-- who holds it, so each run writes a row here when it gets its locks, and a run that is refused can name the
-- one in its way.
-- The locks are the truth, not this table: a run that crashes loses its locks with its connection but leaves its
-- row unreleased. A row stands for a live run only while its backend_pid still holds a Phlogiston advisory lock;
-- otherwise it is a stale record, shown as such until a later run of the same kind finishes cleanly.
CREATE TABLE run_registry (
    id          bigserial PRIMARY KEY,
    lock_scope  text NOT NULL,         -- 'load', or the prefix of the scope the run works on
    mode        text NOT NULL CHECK (mode IN ('exclusive', 'shared')), -- how it holds the global lock: a load exclusively
    command     text NOT NULL,         -- the command line, passwords masked
    host        text NOT NULL,
    pid         bigint NOT NULL,       -- of the process on that host
    started_at  timestamptz NOT NULL,  -- when it got its locks
    backend_pid integer NOT NULL,      -- pg_backend_pid() of the connection that holds the locks
    released_at timestamptz            -- NULL while the run holds its locks, and for good if it crashed
);
