-- The tables a dump load publishes. The first four keep the names and columns of the original
-- Phlogiston so that ad-hoc SQL written for it keeps working; the added columns come last.
-- A load builds a fresh copy of every table below in the schema load_staging (same definition,
-- same indexes) and swaps it in as a whole, so these tables always hold exactly one complete load.

CREATE TABLE phabricator_project (
    id            integer PRIMARY KEY,
    name          text,
    phid          text NOT NULL UNIQUE,
    date_created  timestamptz,
    date_modified timestamptz,
    icon          text,
    color         text
);

CREATE TABLE phabricator_column (
    id            integer PRIMARY KEY,
    phid          text NOT NULL UNIQUE,
    name          text,
    project_phid  text NOT NULL,
    status        integer,
    sequence      integer,
    project_id    integer NOT NULL,
    date_created  timestamptz,
    date_modified timestamptz
);
CREATE INDEX phabricator_column_project ON phabricator_column (project_id);

CREATE TABLE maniphest_task (
    id             integer PRIMARY KEY,
    phid           text,
    title          text,
    story_points   text,      -- info[10] as it was in the dump
    status_at_load text,
    date_modified  timestamptz,
    priority       integer,
    date_created   timestamptz,
    author_phid    text,
    owner_phid     text,
    points_at_load integer    -- story_points read as a number, halves rounded up; NULL when none
);
CREATE INDEX maniphest_task_phid ON maniphest_task (phid);

CREATE TABLE maniphest_transaction (
    id               bigint PRIMARY KEY,
    phid             text,
    task_id          integer NOT NULL,
    object_phid      text,
    transaction_type text NOT NULL,
    new_value        text,
    date_modified    timestamptz NOT NULL,
    has_edge_data    boolean NOT NULL,
    active_projects  integer[],   -- for core:edge rows: the task's known projects after this transaction
    old_value        text,
    metadata         text,
    author_phid      text,
    date_created     timestamptz
);
CREATE INDEX maniphest_transaction_task ON maniphest_transaction (task_id, transaction_type, date_modified);

-- Which tasks were in project P at time T:
--   WHERE project_id = P AND valid_from <= T AND (valid_to IS NULL OR valid_to > T)
CREATE TABLE task_project_interval (
    task_id    integer NOT NULL,
    project_id integer NOT NULL,
    valid_from timestamptz NOT NULL,
    valid_to   timestamptz,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX task_project_interval_project ON task_project_interval (project_id, valid_from);
CREATE INDEX task_project_interval_task ON task_project_interval (task_id);

-- The projects each task is tagged with at dump time (edge type 41).
CREATE TABLE maniphest_task_tag (
    task_id    integer NOT NULL,
    project_id integer NOT NULL,
    PRIMARY KEY (task_id, project_id)
);
CREATE INDEX maniphest_task_tag_project ON maniphest_task_tag (project_id);

-- The subtask graph at dump time (edge type 3): child_id is a subtask of parent_id.
-- Named and shaped as in the original; blocked_date is the day of the load.
CREATE TABLE maniphest_blocked (
    blocked_date date NOT NULL,
    parent_id    integer NOT NULL,
    child_id     integer NOT NULL,
    PRIMARY KEY (parent_id, child_id)
);
CREATE INDEX maniphest_blocked_child ON maniphest_blocked (child_id);

-- One row per load attempt, successful or not.
CREATE TABLE dump_load (
    id                bigserial PRIMARY KEY,
    source            text NOT NULL,
    etag              text,
    last_modified     text,
    sha256            text,
    byte_size         bigint,
    started_at        timestamptz NOT NULL,
    finished_at       timestamptz,
    outcome           text NOT NULL CHECK (outcome IN ('running', 'loaded', 'unchanged', 'failed')),
    message           text,
    row_counts        jsonb NOT NULL DEFAULT '{}',
    defects           jsonb NOT NULL DEFAULT '{}',
    data_until        timestamptz,   -- the latest change the dump holds
    job_execution_id  bigint
);
CREATE INDEX dump_load_outcome ON dump_load (outcome, id);
