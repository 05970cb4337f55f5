-- core:edge transactions keep the PHIDs of the task's projects after them, as the dump names them, instead of
-- project ids: the loader can write them in its single pass whatever the order of the dump's sections, and
-- the view maniphest_edge_transaction turns them into ids (R__published_views.sql).
DROP VIEW IF EXISTS maniphest_edge_transaction;
ALTER TABLE maniphest_transaction
    DROP COLUMN active_projects,
    ADD COLUMN project_phids_after text[];
