SELECT 0;

-- name: first
SELECT 1;
