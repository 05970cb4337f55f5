-- A file of named statements, for SqlFilesTest. This comment is the file's, no statement's.

-- name: first
-- The first statement's comment stays with it.
SELECT 1;

-- name: second
SELECT 2
  FROM generate_series(1, 3);
