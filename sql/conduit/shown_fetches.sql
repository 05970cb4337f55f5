-- The fetches `phlogiston status` shows for an install (parameter: its url, masked): the last that finished
-- (published, or found nothing changed) and the unfinished one, if any; at most one row of each.
SELECT DISTINCT ON (outcome = 'fetching') *
FROM conduit_fetch
WHERE url = ? AND outcome IN ('fetching', 'published', 'unchanged')
ORDER BY outcome = 'fetching', id DESC
