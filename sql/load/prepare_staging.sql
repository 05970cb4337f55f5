-- A load is built in the schema load_staging and swapped in whole (StagingArea.publish). The published tables
-- are created there by the connection that fills them, in the same transaction as their COPY, so that
-- PostgreSQL can skip the write-ahead log for them and store the rows frozen (COPY FREEZE), which leaves
-- autovacuum nothing to do on them afterwards. The tables below hold rows as the dump names things (by
-- PHID); finalize.sql turns them into the published tables. They are dropped after the swap, so they need
-- no crash safety, and no autovacuum (statistics are gathered once they are complete).
DROP SCHEMA IF EXISTS load_staging CASCADE;
CREATE SCHEMA load_staging;

CREATE UNLOGGED TABLE load_staging.column_row (
    id            integer NOT NULL,
    phid          text NOT NULL,
    name          text,
    project_phid  text NOT NULL,
    status        integer,
    sequence      integer,
    date_created  timestamptz,
    date_modified timestamptz
) WITH (autovacuum_enabled = false);

CREATE UNLOGGED TABLE load_staging.membership_row (
    task_id      integer NOT NULL,
    project_phid text NOT NULL,
    valid_from   timestamptz NOT NULL,
    valid_to     timestamptz
) WITH (autovacuum_enabled = false);

-- The task graph at dump time: edge type 41 (task tagged with project) and 3 (task has subtask)
CREATE UNLOGGED TABLE load_staging.task_edge_row (
    task_id          integer NOT NULL,
    edge_type        integer NOT NULL,
    destination_phid text NOT NULL
) WITH (autovacuum_enabled = false);
