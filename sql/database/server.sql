-- Statements on the server's own database (database.DatabaseConfiguration, database.EmbeddedPostgresServer).

-- name: database_exists
-- Parameter: the database's name.
SELECT 1 FROM pg_database WHERE datname = ?;

-- name: reload_configuration
SELECT pg_reload_conf();

-- name: end_other_sessions
-- Ends every client session but this one, so that none goes on without the password now required.
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid();
