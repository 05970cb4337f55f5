-- The fetch a load worked on (parameter: the dump_load id), as `phlogiston history` shows it with the load.
SELECT * FROM conduit_fetch WHERE load_id = ? ORDER BY id DESC LIMIT 1
