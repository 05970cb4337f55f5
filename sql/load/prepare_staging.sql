-- A load is built in the schema load_staging and swapped in whole (see publish.sql). The published tables
-- are created there by the connection that fills them, in the same transaction as their COPY, so that
-- PostgreSQL can skip the write-ahead log for them. The tables below hold rows as the dump names things (by
-- PHID); finalize.sql turns them into the published tables. They are dropped after the swap, so they need
-- no crash safety.
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
);

-- core:edge transactions, with the PHIDs of the task's projects after each one (finalize.sql turns the PHIDs
-- into the project ids of maniphest_transaction.active_projects)
CREATE UNLOGGED TABLE load_staging.edge_transaction_row (LIKE public.maniphest_transaction);
ALTER TABLE load_staging.edge_transaction_row
    DROP COLUMN has_edge_data,
    DROP COLUMN active_projects,
    ADD COLUMN project_phids text[] NOT NULL;

CREATE UNLOGGED TABLE load_staging.membership_row (
    task_id      integer NOT NULL,
    project_phid text NOT NULL,
    valid_from   timestamptz NOT NULL,
    valid_to     timestamptz
);

-- The task graph at dump time: edge type 41 (task tagged with project) and 3 (task has subtask)
CREATE UNLOGGED TABLE load_staging.task_edge_row (
    task_id          integer NOT NULL,
    edge_type        integer NOT NULL,
    destination_phid text NOT NULL
);
