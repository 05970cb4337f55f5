-- The day-by-day history of each scope's tasks, stored compactly: one row per task per run of days with the
-- same state. The view task_on_date expands it into the original's one row per task per day, so ad-hoc SQL
-- written for the original keeps working.
CREATE TABLE task_state_interval (
    scope          text    NOT NULL,
    id             integer NOT NULL,
    first_day      date    NOT NULL,
    last_day       date    NOT NULL,
    status         text,
    project_id     integer,
    project        text,
    projectcolumn  text,
    points         integer,
    maint_type     text,
    priority       integer,
    category_title text,
    PRIMARY KEY (scope, id, first_day),
    CHECK (last_day >= first_day)
);
CREATE INDEX task_state_interval_days ON task_state_interval (scope, first_day, last_day);

-- One row per task in scope per day: the state at 00:00 of that day.
CREATE VIEW task_on_date AS
SELECT s.scope, day::timestamp AS date, s.id, s.status, s.project_id, s.project, s.projectcolumn, s.points,
       s.maint_type, s.priority, s.category_title
  FROM task_state_interval s
 CROSS JOIN LATERAL generate_series(s.first_day, s.last_day, interval '1 day') AS day;

-- What has been reconstructed for each scope: the days covered and when.
CREATE TABLE scope_history (
    scope            text PRIMARY KEY,
    start_date       date        NOT NULL,   -- the scope's start_date; rows begin the day after
    last_day         date        NOT NULL,   -- the last day that has rows
    rebuilt_at       timestamptz NOT NULL,   -- the last full reconstruction
    extended_at      timestamptz NOT NULL,   -- the last run of either kind
    dump_load_id     bigint                  -- the load whose data the last run read
);

-- Each scope's rules as resolved at its last reconstruction, in priority order (the original's table).
CREATE TABLE category (
    scope             text    NOT NULL,
    sort_order        integer NOT NULL,
    rule              text    NOT NULL,
    project_id_list   integer[] NOT NULL,
    project_name_list text[]  NOT NULL,
    matchstring       text,
    title             text,
    display           text    NOT NULL,
    include_in_status boolean NOT NULL,
    force_status      text,
    PRIMARY KEY (scope, sort_order)
);
