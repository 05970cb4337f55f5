-- name: twice
SELECT 1;

-- name: twice
SELECT 2;
