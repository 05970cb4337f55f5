-- name: first
-- Only a comment.

-- name: second
SELECT 2;
