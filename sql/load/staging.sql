-- The schema load_staging, where a load builds its tables before they replace the live ones (dump.StagingArea).

-- name: set_load_day
-- The day of the load, for sql/load/finalize.sql, in this transaction. Parameter: the day.
SELECT set_config('phlogiston.load_day', ?, true);

-- name: drop_published
-- Once its tables are live, the staging schema is empty.
DROP SCHEMA load_staging CASCADE;

-- name: discard
-- A load that will not be published.
DROP SCHEMA IF EXISTS load_staging CASCADE;
