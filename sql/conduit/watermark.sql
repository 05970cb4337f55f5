-- When the fetch the mirror is built on began, if it fetched these projects (parameters: projects, url, url): the
-- next fetch asks for the tasks modified since then, less the overlap. None when the mirror holds another install
-- or other projects: the next fetch is then a full one.
SELECT CASE WHEN projects = ?::text[] THEN started_at END AS started_at
FROM conduit_fetch
WHERE url = ? AND outcome IN ('published', 'unchanged')
  AND EXISTS (SELECT 1 FROM conduit_project_section WHERE url = ?)
ORDER BY id DESC
LIMIT 1
