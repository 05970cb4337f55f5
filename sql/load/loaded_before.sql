-- The last load published before the given one (parameter: its dump_load id): what its data changed is told
-- against this one's row counts.
SELECT * FROM dump_load WHERE outcome = 'loaded' AND id < ? ORDER BY id DESC LIMIT 1
