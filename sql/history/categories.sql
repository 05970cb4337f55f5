-- The scope's rules as its reconstruction used them (table category; history.HistoryStore).

-- name: delete_categories
-- Parameter: the scope.
DELETE FROM category WHERE scope = ?;

-- name: insert_category
INSERT INTO category (scope, sort_order, rule, project_id_list, project_name_list, matchstring, title, display,
                      include_in_status, force_status)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
