-- The history stage owns task_state_interval, scope_history and category; other stages read the history through
-- its views. task_state is the history at the level it is stored: one row per task per run of days with the same
-- state (first_day to last_day), with the scope's projects the task is in (in rule order). The report matches its
-- rules once per row of it instead of once per day; task_on_date is the same history one row per day.
CREATE VIEW task_state AS
SELECT scope, id, first_day, last_day, status, project_id, project, projectcolumn, points, maint_type, priority,
       category_title, projects
  FROM task_state_interval;

COMMENT ON COLUMN scope_history.dump_load_id IS
    'The load (dump_load.id) the history was built from: a report refuses a history not built from the current load';
