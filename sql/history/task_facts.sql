-- What reconstruction needs to know of each task that can be in scope during the days reconstructed, beyond its transactions. The category title
-- is the task's own title if it is tagged category or goal, then those of its ancestors in the subtask graph
-- that are so tagged and belong to the scope, in id order (as the original: one title for every day).
-- Parameters: category tag id, goal tag id.
WITH RECURSIVE ancestor (task_id, ancestor_id) AS (
    SELECT wt.task_id, wt.task_id FROM window_task wt
    UNION
    SELECT a.task_id, b.parent_id
      FROM ancestor a
      JOIN maniphest_blocked b ON b.child_id = a.ancestor_id
),
category_title AS (
    SELECT a.task_id, string_agg(t.title, ' ' ORDER BY t.id) AS title
      FROM ancestor a
      JOIN scope_task member ON member.task_id = a.ancestor_id
      JOIN maniphest_task t ON t.id = a.ancestor_id
     WHERE EXISTS (SELECT FROM maniphest_task_tag tag WHERE tag.task_id = a.ancestor_id AND tag.project_id IN (?, ?))
     GROUP BY a.task_id
)
SELECT t.id, t.status_at_load, t.date_modified, t.points_at_load, t.priority, c.title AS category_title
  FROM window_task wt
  JOIN maniphest_task t ON t.id = wt.task_id
  LEFT JOIN category_title c ON c.task_id = t.id
 ORDER BY t.id;
