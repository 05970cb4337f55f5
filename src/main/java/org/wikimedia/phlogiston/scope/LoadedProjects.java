package org.wikimedia.phlogiston.scope;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.database.SqlFiles;

/** The projects of the loaded dump, which scopes are resolved and checked against. */
@Component
public class LoadedProjects {

    private final JdbcTemplate jdbc;

    public LoadedProjects(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Project names by id, in id order; empty when no dump is loaded. A project without a name has "". */
    public Map<Integer, String> namesById() {
        Map<Integer, String> names = new TreeMap<>();
        jdbc.query(SqlFiles.read("sql/scope/project_names.sql"), row -> {
            names.put(row.getInt(1), row.getString(2));
        });
        return names;
    }
}
