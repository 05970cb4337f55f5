-- The report stage's tables, named and shaped as the original's so that ad-hoc SQL keeps working.

-- Each task-day of a scope's history that the report counts, with the category of the first rule it matches.
CREATE TABLE task_on_date_recategorized (
    scope               text      NOT NULL,
    date                timestamp NOT NULL,
    id                  integer   NOT NULL,
    category            text      NOT NULL,
    project_id          integer,
    projectcolumn       text,
    phab_category_title text,
    status              text      NOT NULL,
    points              integer,
    maint_type          text,
    priority            integer
);
CREATE INDEX task_on_date_recategorized_scope ON task_on_date_recategorized (scope, date);

-- Whether the task was in the project at the instant (a timestamp read in the server's time zone, UTC).
CREATE FUNCTION in_project(task integer, project integer, at timestamp) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT FROM task_project_interval i
                    WHERE i.task_id = task AND i.project_id = project
                      AND i.valid_from <= at AND (i.valid_to IS NULL OR i.valid_to > at))
$$;
