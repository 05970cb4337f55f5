-- The report stage's aggregates, named and shaped as the original's so that ad-hoc SQL keeps working and the data
-- files are plain queries over them.

-- Per day, category, status and maint_type: the points and count of the recategorized task-days, three times over
-- (range): 'normal' counts every task; 'cutoff' leaves out the tasks already resolved on backlog_resolved_cutoff,
-- 'lastq' those resolved 91 days before it (both equal 'normal' when the scope has no cutoff).
CREATE TABLE task_on_date_agg (
    scope      text      NOT NULL,
    range      text      NOT NULL CHECK (range IN ('normal', 'cutoff', 'lastq')),
    date       timestamp NOT NULL,
    category   text      NOT NULL,
    status     text      NOT NULL,
    points     bigint,
    count      bigint    NOT NULL,
    maint_type text
);
CREATE INDEX task_on_date_agg_scope ON task_on_date_agg (scope, range, date);

-- Per category and week date: totals, velocities, growth and forecasts (report.forecast), and the projection
-- lines ahead of the latest week (rows with only the *viz columns, as in the original).
CREATE TABLE velocity (
    scope                     text      NOT NULL,
    category                  text      NOT NULL,
    date                      timestamp NOT NULL,
    week                      date,
    month                     date,
    quarter                   date,
    points_total              bigint,
    count_total               bigint,
    points_resolved           bigint,
    count_resolved            bigint,
    delta_points_resolved     bigint,
    delta_count_resolved      bigint,
    delta_points_total        bigint,
    delta_count_total         bigint,
    opt_points_vel            double precision,
    nom_points_vel            double precision,
    pes_points_vel            double precision,
    opt_count_vel             double precision,
    nom_count_vel             double precision,
    pes_count_vel             double precision,
    opt_points_total_growrate double precision,
    nom_points_total_growrate double precision,
    pes_points_total_growrate double precision,
    opt_count_total_growrate  double precision,
    nom_count_total_growrate  double precision,
    pes_count_total_growrate  double precision,
    opt_points_fore           integer,
    nom_points_fore           integer,
    pes_points_fore           integer,
    opt_count_fore            integer,
    nom_count_fore            integer,
    pes_count_fore            integer,
    pes_points_date           timestamp,
    nom_points_date           timestamp,
    opt_points_date           timestamp,
    pes_count_date            timestamp,
    nom_count_date            timestamp,
    opt_count_date            timestamp,
    pes_points_growviz        double precision,
    nom_points_growviz        double precision,
    opt_points_growviz        double precision,
    pes_count_growviz         double precision,
    nom_count_growviz         double precision,
    opt_count_growviz         double precision,
    pes_points_velviz         double precision,
    nom_points_velviz         double precision,
    opt_points_velviz         double precision,
    pes_count_velviz          double precision,
    nom_count_velviz          double precision,
    opt_count_velviz          double precision
);
CREATE INDEX velocity_scope ON velocity (scope, category, date);

-- Each category of a scope once (Fix P5: a title used by two rules is one category), with its first rule's display
-- and place in rule order.
CREATE VIEW report_category AS
SELECT DISTINCT ON (scope, title) scope, title, display, sort_order
  FROM category
 ORDER BY scope, title, sort_order;
