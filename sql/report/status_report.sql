-- The status report of one project between two instants (:start_at, :end_at: 00:00 of the window's first and
-- last day): every task in the project at either instant, except those closed at the start and not reopened.
-- Membership comes from task_project_interval; status at an instant is computed as reconstruction does
-- (TaskTimeline): the newValue of the latest status change by then, before the first change its oldValue, else
-- 'open'; from the task's last modification on, the status at load when the changes do not end in it.
-- Parameters: :project (one id), :start_at, :end_at (timestamptz).
WITH member AS (
    SELECT task_id AS id,
           bool_or(valid_from <= :start_at AND (valid_to IS NULL OR valid_to > :start_at)) AS at_start,
           bool_or(valid_from <= :end_at AND (valid_to IS NULL OR valid_to > :end_at)) AS at_end
      FROM task_project_interval
     WHERE project_id = :project
     GROUP BY task_id
), listed AS (
    SELECT * FROM member WHERE at_start OR at_end
), parent AS (
    SELECT b.child_id, b.parent_id
      FROM maniphest_blocked b
      JOIN listed l ON l.id = b.child_id
), subject AS (
    SELECT id FROM listed
     UNION
    SELECT parent_id FROM parent
), change AS (
    SELECT t.task_id, t.id, t.date_modified,
           substring(t.old_value FROM '^\s*"([^"\\]*)"\s*$') AS old_status,
           substring(t.new_value FROM '^\s*"([^"\\]*)"\s*$') AS new_status
      FROM maniphest_transaction t
      JOIN subject s ON s.id = t.task_id
     WHERE t.transaction_type = 'status'
), load AS (
    -- statusAtLoadFrom: when the status at load differs from where the changes end, it holds from date_modified.
    SELECT s.id,
           mt.status_at_load,
           CASE WHEN mt.status_at_load IS NOT NULL
                 AND mt.status_at_load IS DISTINCT FROM COALESCE(
                         (SELECT c.new_status FROM change c WHERE c.task_id = s.id
                           ORDER BY c.date_modified DESC, c.id DESC LIMIT 1),
                         CASE WHEN EXISTS (SELECT 1 FROM change c WHERE c.task_id = s.id) THEN NULL ELSE 'open' END)
                THEN mt.date_modified END AS load_status_from
      FROM subject s
      LEFT JOIN maniphest_task mt ON mt.id = s.id
), instant AS (
    SELECT 'start' AS name, CAST(:start_at AS timestamptz) AS at
     UNION ALL
    SELECT 'end', CAST(:end_at AS timestamptz)
), status_at AS (
    SELECT l.id, i.name,
           CASE WHEN l.load_status_from IS NOT NULL AND l.load_status_from <= i.at THEN l.status_at_load
                WHEN latest.task_id IS NOT NULL THEN latest.new_status
                ELSE COALESCE((SELECT c.old_status FROM change c WHERE c.task_id = l.id
                                ORDER BY c.date_modified, c.id LIMIT 1), 'open')
           END AS status
      FROM load l
     CROSS JOIN instant i
      LEFT JOIN LATERAL (SELECT c.task_id, c.new_status FROM change c
                          WHERE c.task_id = l.id AND c.date_modified <= i.at
                          ORDER BY c.date_modified DESC, c.id DESC LIMIT 1) latest ON true
), state AS (
    -- done: resolved; closed: resolved, declined, invalid or duplicate; anything else (open, stalled…) is open.
    SELECT l.id, l.at_start, l.at_end,
           COALESCE(s.status IN ('resolved', 'declined', 'invalid', 'duplicate'), false) AS closed_at_start,
           COALESCE(e.status = 'resolved', false) AS done_at_end,
           COALESCE(e.status IN ('resolved', 'declined', 'invalid', 'duplicate'), false) AS closed_at_end,
           EXISTS (SELECT 1
                     FROM parent p
                     JOIN member pm ON pm.id = p.parent_id AND pm.at_start
                     JOIN status_at ps ON ps.id = p.parent_id AND ps.name = 'start'
                    WHERE p.child_id = l.id
                      AND ps.status NOT IN ('resolved', 'declined', 'invalid', 'duplicate')) AS parent_open_at_start
      FROM listed l
      JOIN status_at s ON s.id = l.id AND s.name = 'start'
      JOIN status_at e ON e.id = l.id AND e.name = 'end'
)
SELECT st.id,
       mt.title,
       CASE WHEN st.at_start THEN 'In-Scope'
            WHEN st.parent_open_at_start THEN 'Elaborated'
            ELSE 'Screep'
       END AS scope,
       CASE WHEN NOT st.at_end OR (st.closed_at_end AND NOT st.done_at_end) THEN 'Cut'
            WHEN st.closed_at_start THEN 'Reopened'
            WHEN st.done_at_end THEN 'Done'
            ELSE 'Open'
       END AS status
  FROM state st
  LEFT JOIN maniphest_task mt ON mt.id = st.id
 WHERE NOT st.closed_at_start OR NOT st.closed_at_end AND st.at_end
 ORDER BY st.id;
