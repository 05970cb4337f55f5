-- The scope's rows of the velocity table, before they are written again (report.VelocityTable). Parameter: the scope.
DELETE FROM velocity WHERE scope = ?
