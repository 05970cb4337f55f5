-- Each interval of a scope's history also holds which of the scope's projects the task is in (in rule order),
-- so that recategorization matches rules on the interval itself instead of looking memberships up day by day.
-- Histories reconstructed before this migration have none: reconstruct them in full once.
ALTER TABLE task_state_interval ADD COLUMN projects integer[];

DROP FUNCTION in_project(integer, integer, timestamp);
