-- The scope's rules as its last reconstruction stored them, in priority order: what its history was built with.
-- Parameter: the scope.
SELECT rule, project_id_list, matchstring, title, display, include_in_status, force_status
  FROM category
 WHERE scope = ?
 ORDER BY sort_order;
