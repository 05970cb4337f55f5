-- Every loaded project's id and name, "" for a project without one (scope.LoadedProjects).
SELECT id, coalesce(name, '') FROM phabricator_project
