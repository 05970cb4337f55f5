-- Whether a table is missing (database.SchemaMigration). Parameter: the table's name.
SELECT to_regclass(?) IS NULL
