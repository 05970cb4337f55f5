package org.wikimedia.phlogiston;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

/** Our loaded project membership of every task over time (task_project_interval), to set beside the original's. */
public final class LoadedProjectSets {

    private record Membership(int project, Instant from, Instant to) {
    }

    private final Map<Integer, List<Membership>> memberships = new HashMap<>();

    public LoadedProjectSets(JdbcTemplate jdbc) {
        jdbc.query("SELECT task_id, project_id, valid_from, valid_to FROM task_project_interval", rs -> {
            memberships.computeIfAbsent(rs.getInt(1), id -> new ArrayList<>()).add(new Membership(rs.getInt(2),
                    rs.getTimestamp(3).toInstant(), rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()));
        });
    }

    /** The projects the task is in at the instant. */
    public Set<Integer> at(int task, Instant at) {
        Set<Integer> projects = new TreeSet<>();
        for (Membership membership : memberships.getOrDefault(task, List.of())) {
            if (!membership.from().isAfter(at) && (membership.to() == null || at.isBefore(membership.to()))) {
                projects.add(membership.project());
            }
        }
        return projects;
    }

    /** Whether the task joined or left a project after {@code from} and by {@code to}. */
    public boolean changedDuring(int task, Instant from, Instant to) {
        return memberships.getOrDefault(task, List.of()).stream()
                .flatMap(membership -> java.util.stream.Stream.of(membership.from(), membership.to()))
                .anyMatch(at -> at != null && at.isAfter(from) && !at.isAfter(to));
    }
}
