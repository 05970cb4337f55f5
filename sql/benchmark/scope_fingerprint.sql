-- A scope's stored history in one value, so that the states before and after a killed run can be compared: its
-- intervals, the days it covers and its resolved rules. Times of the runs are left out (a rerun changes them, not
-- the history); the load it was built from is returned apart.
SELECT (SELECT count(*) FROM task_state_interval WHERE scope = :scope) AS intervals,
       md5(concat(
           (SELECT string_agg(ROW(id, first_day, last_day, status, project_id, project, projectcolumn, points,
                                  maint_type, priority, category_title)::text, E'\n' ORDER BY id, first_day)
              FROM task_state_interval WHERE scope = :scope),
           E'\n--\n',
           (SELECT ROW(start_date, last_day)::text FROM scope_history WHERE scope = :scope),
           E'\n--\n',
           (SELECT string_agg(ROW(sort_order, rule, project_id_list, project_name_list, matchstring, title, display,
                                  include_in_status, force_status)::text, E'\n' ORDER BY sort_order)
              FROM category WHERE scope = :scope))) AS fingerprint,
       (SELECT dump_load_id FROM scope_history WHERE scope = :scope) AS dump_load_id
