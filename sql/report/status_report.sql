-- The status report of one project between two days, as the original's get_status_report computed it from the
-- scope's recategorized intervals: the tasks of the scope in the project on the final day, and those in it on the
-- initial day but not on the final one (Cut), each with its category and status of that day. Membership in the
-- project is read at 00:00 of each day (:initial_at, :final_at), the instant the history's rows stand for (Fix R1;
-- the original read it at the end of the day). Tasks resolved on the initial day are not listed, as in the
-- original, unless they are open again on the final day: those the original dropped are listed as Reopened (S1).
-- Parameters: :scope, :project (one id), :initial_day, :final_day (dates), :initial_at, :final_at (timestamptz).
WITH member AS (
    SELECT task_id AS id,
           bool_or(valid_from <= :initial_at AND (valid_to IS NULL OR valid_to > :initial_at)) AS at_initial,
           bool_or(valid_from <= :final_at AND (valid_to IS NULL OR valid_to > :final_at)) AS at_final
      FROM task_project_interval
     WHERE project_id = :project
     GROUP BY task_id
), initial AS (
    SELECT r.id, r.category, r.status
      FROM task_category_interval r
      JOIN member m ON m.id = r.id AND m.at_initial
     WHERE r.scope = :scope AND CAST(:initial_day AS date) BETWEEN r.first_day AND r.last_day
), listed AS (
    SELECT r.id, r.category, r.status, false AS cut
      FROM task_category_interval r
      JOIN member m ON m.id = r.id AND m.at_final
     WHERE r.scope = :scope AND CAST(:final_day AS date) BETWEEN r.first_day AND r.last_day
     UNION ALL
    SELECT i.id, i.category, i.status, true
      FROM initial i
      JOIN member m ON m.id = i.id AND NOT m.at_final
), labelled AS (
    SELECT l.*,
           i.status AS previous_status,
           -- The original took the one parent of the subtask graph; with several, any open one elaborates.
           EXISTS (SELECT FROM maniphest_blocked b
                     JOIN initial p ON p.id = b.parent_id
                    WHERE b.child_id = l.id AND p.status = 'open') AS parent_open_at_initial
      FROM listed l
      LEFT JOIN initial i ON i.id = l.id
)
SELECT l.id,
       mt.title,
       l.category,
       z.sort_order, -- a title used by two rules is one category, placed by its first rule (Fix P5)
       -- statuses other than open and resolved (ones the dump may add) are labelled as the original did
       CASE WHEN coalesce(l.previous_status, '') = '' AND l.parent_open_at_initial THEN 'Elaborated'
            WHEN coalesce(l.previous_status, '') = '' THEN 'Screep'
            WHEN l.previous_status IN ('open', 'resolved') THEN 'In-Scope'
            ELSE 'Unknown'
       END AS scope,
       CASE WHEN l.cut THEN 'Cut'
            WHEN l.previous_status = 'resolved' AND l.status = 'open' THEN 'Reopened'
            WHEN l.status = 'resolved' THEN 'Done'
            WHEN l.status = 'open' THEN 'Open'
            ELSE l.status
       END AS status,
       mt.story_points AS points
  FROM labelled l
  LEFT JOIN maniphest_task mt ON mt.id = l.id
  LEFT JOIN report_category z ON z.scope = :scope AND z.title = l.category
 WHERE l.previous_status IS DISTINCT FROM 'resolved' OR NOT l.cut AND l.status = 'open'
 ORDER BY l.id;
