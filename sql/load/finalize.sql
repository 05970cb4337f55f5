-- Builds the published tables that refer to projects and tasks by id from the rows staged by PHID.
-- Runs in one transaction after every COPY has finished; the day of the load is in the setting
-- phlogiston.load_day. References to projects or tasks not in the dump are left out here and counted by
-- defects.sql.

-- Statistics first: the staged row tables have autovacuum off, and the tables COPY filled may or may not have
-- been analysed by autovacuum yet. A join planned on no statistics once ran for over eleven minutes instead of
-- two seconds (docs/reliability.md, campaign 1); with them the plans do not depend on that race.
ANALYZE load_staging.column_row, load_staging.membership_row, load_staging.task_edge_row,
        load_staging.phabricator_project, load_staging.maniphest_task;

CREATE TABLE load_staging.phabricator_column (LIKE public.phabricator_column INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
INSERT INTO load_staging.phabricator_column
       (id, phid, name, project_phid, status, sequence, project_id, date_created, date_modified)
SELECT c.id, c.phid, c.name, c.project_phid, c.status, c.sequence, p.id, c.date_created, c.date_modified
  FROM load_staging.column_row c
  JOIN load_staging.phabricator_project p ON p.phid = c.project_phid;

CREATE TABLE load_staging.task_project_interval (LIKE public.task_project_interval INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
INSERT INTO load_staging.task_project_interval (task_id, project_id, valid_from, valid_to)
SELECT m.task_id, p.id, m.valid_from, m.valid_to
  FROM load_staging.membership_row m
  JOIN load_staging.phabricator_project p ON p.phid = m.project_phid;

CREATE TABLE load_staging.maniphest_task_tag (LIKE public.maniphest_task_tag INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
INSERT INTO load_staging.maniphest_task_tag (task_id, project_id)
SELECT DISTINCT e.task_id, p.id
  FROM load_staging.task_edge_row e
  JOIN load_staging.phabricator_project p ON p.phid = e.destination_phid
 WHERE e.edge_type = 41;

CREATE TABLE load_staging.maniphest_blocked (LIKE public.maniphest_blocked INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
INSERT INTO load_staging.maniphest_blocked (blocked_date, parent_id, child_id)
SELECT DISTINCT current_setting('phlogiston.load_day')::date, e.task_id, child.id
  FROM load_staging.task_edge_row e
  JOIN load_staging.maniphest_task child ON child.phid = e.destination_phid
 WHERE e.edge_type = 3;
