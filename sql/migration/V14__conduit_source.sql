-- The live source (issue 13): what was fetched from a Phabricator or Phorge install through Conduit.
-- A fetch is stored page by page, each page in one transaction with its cursor, so that an interrupted fetch
-- resumes where it stopped; once every page is in, the fetch is composed with the mirror of the last published one
-- into a dump document that the dump load stages, checks and publishes. No API token is stored anywhere.

-- The mirror: every task as the last published fetch left it, in the shape of a dump's task section.
CREATE TABLE conduit_task (
    task_id       integer PRIMARY KEY,
    date_modified timestamptz,
    body          text NOT NULL          -- the task's body in the dump: {"info": [...], "transactions": {...}, "edge": [...]}
);

-- The mirror's project section, and the install it came from: the mirror belongs to one install at a time.
CREATE TABLE conduit_project_section (
    url      text PRIMARY KEY,            -- the install's address, credentials masked
    fetch_id bigint NOT NULL,
    body     text NOT NULL                -- the dump's "project" section: {"projects": [...], "columns": [...]}
);

CREATE TABLE conduit_fetch (
    id                   bigserial PRIMARY KEY,
    url                  text NOT NULL,   -- credentials masked
    started_at           timestamptz NOT NULL,   -- from the clock (--as-of): the next fetch asks for changes since then
    finished_at          timestamptz,
    outcome              text NOT NULL CHECK (outcome IN ('fetching', 'published', 'unchanged', 'failed')),
    modified_since       timestamptz,     -- NULL: a full fetch
    projects             text[] NOT NULL DEFAULT '{}',   -- the project names fetched; none: all tasks
    project_index        integer NOT NULL DEFAULT 0,     -- the pass (one per project) the next page belongs to
    cursor               text,            -- Conduit's "after" for the next page of that pass; NULL: its first page
    project_section      text,            -- the project section as this fetch read it
    requests             bigint NOT NULL DEFAULT 0,      -- requests sent, retries included
    tasks_fetched        bigint NOT NULL DEFAULT 0,
    transactions_fetched bigint NOT NULL DEFAULT 0,
    load_id              bigint,          -- the dump_load row of the last load that worked on this fetch
    message              text
);
CREATE INDEX conduit_fetch_url ON conduit_fetch (url, id);

-- What an unfinished fetch has got so far; emptied into conduit_task when the fetch is published.
CREATE TABLE conduit_fetched_task (
    fetch_id      bigint NOT NULL REFERENCES conduit_fetch (id) ON DELETE CASCADE,
    task_id       integer NOT NULL,
    date_modified timestamptz,
    body          text NOT NULL,
    PRIMARY KEY (fetch_id, task_id)
);
