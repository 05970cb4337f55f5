-- The report stage's own tables are rebuilt by every report from the scope's history: they need no write-ahead
-- log, and writing 1.4 million recategorized task-days without it saves a large scope's report several seconds.
-- After a crash of the database server they are empty until each scope's next report; the published reports, the
-- histories and the loaded dump are not touched.
ALTER TABLE task_on_date_recategorized SET UNLOGGED;
ALTER TABLE task_on_date_agg SET UNLOGGED;
ALTER TABLE velocity SET UNLOGGED;
