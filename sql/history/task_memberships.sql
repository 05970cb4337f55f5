-- When each task of the scope was in each project that matters to its history: the scope's projects and the
-- tags that decide maint_type. Parameter: those project ids.
SELECT i.task_id, i.project_id, i.valid_from, i.valid_to
  FROM task_project_interval i
  JOIN window_task st ON st.task_id = i.task_id
 WHERE i.project_id = ANY (?)
 ORDER BY i.task_id, i.valid_from;
