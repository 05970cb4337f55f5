-- The latest day of data of each scope's history, for the site index.
SELECT scope, last_day FROM scope_history;
