-- Gives up every run lock this session holds (runcontrol.AdvisoryLock).
SELECT pg_advisory_unlock_all()
