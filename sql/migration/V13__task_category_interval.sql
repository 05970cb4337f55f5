-- The report's recategorized history, one row per interval of unchanged state and category instead of one row per
-- task-day (issue #12): the 1.4 million task-days of a 6,000-task scope are some 15,000 intervals, which a report
-- replaces in milliseconds and without leaving millions of dead rows behind. Rebuilt by every report, so unlogged
-- as the other report tables (V9).
CREATE UNLOGGED TABLE task_category_interval (
    scope               text    NOT NULL,
    id                  integer NOT NULL,
    first_day           date    NOT NULL,
    last_day            date    NOT NULL,
    category            text    NOT NULL,
    project_id          integer,
    projectcolumn       text,
    phab_category_title text,
    status              text    NOT NULL,
    points              integer,
    maint_type          text,
    priority            integer,
    CHECK (last_day >= first_day)
);
CREATE INDEX task_category_interval_task ON task_category_interval (scope, id, first_day);

COMMENT ON TABLE task_category_interval IS
    'Per scope and task, each run of days (first_day to last_day) with the same category, status and values, as the scope''s last report recategorized its history; task_on_date_recategorized is the same one row per day';

-- What the reports wrote so far, joined into runs of consecutive days of a task with the same values, so that the
-- view below shows it until each scope's next report.
INSERT INTO task_category_interval (scope, id, first_day, last_day, category, project_id, projectcolumn,
                                    phab_category_title, status, points, maint_type, priority)
SELECT scope, id, min(day), max(day), category, project_id, projectcolumn, phab_category_title, status, points,
       maint_type, priority
  FROM (SELECT r.*, r.date::date AS day,
               r.date::date - CAST(row_number() OVER (PARTITION BY scope, id, category, project_id, projectcolumn,
                                                                   phab_category_title, status, points, maint_type,
                                                                   priority
                                                      ORDER BY date) AS integer) AS run
          FROM task_on_date_recategorized r) days
 GROUP BY scope, id, run, category, project_id, projectcolumn, phab_category_title, status, points, maint_type,
          priority;

DROP TABLE task_on_date_recategorized;

-- The original's table, name and columns, for the SQL written against it: each interval spread over its days.
CREATE VIEW task_on_date_recategorized AS
SELECT i.scope, day AS date, i.id, i.category, i.project_id, i.projectcolumn, i.phab_category_title, i.status,
       i.points, i.maint_type, i.priority
  FROM task_category_interval i
 CROSS JOIN LATERAL generate_series(i.first_day::timestamp, i.last_day::timestamp, interval '1 day') AS day;

COMMENT ON VIEW task_on_date_recategorized IS
    'Each task-day of a scope''s recategorized history, with the category of the first rule it matches (the original''s table, now the days of task_category_interval)';
