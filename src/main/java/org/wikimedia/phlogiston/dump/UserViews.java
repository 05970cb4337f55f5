package org.wikimedia.phlogiston.dump;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;

import org.wikimedia.phlogiston.ErrorMessages;
import org.wikimedia.phlogiston.database.SqlFiles;

/**
 * Views that users built on the loaded tables. A load replaces those tables with DROP TABLE ... CASCADE, which drops
 * every view reading them; these are saved before and made again after, in the load's transaction. One that cannot be
 * made again (a column it reads is gone from the new tables) is named, with its definition, and the load publishes
 * without it: a user's view never stops a load, and is never lost without a word.
 */
@Component
class UserViews {

    private static final Logger log = LoggerFactory.getLogger(UserViews.class);

    /** Phlogiston's own views over the loaded tables: the load makes them again from this file. */
    static final String PUBLISHED_VIEWS = "sql/migration/R__published_views.sql";

    /** A view as it was before the load: what it takes to make it again ({@code owner}: null when the load's user). */
    record Saved(String schema, String name, boolean materialized, String definition, String options, String owner,
                 String comment, List<String> grants) {

        String qualifiedName() {
            return quote(schema) + "." + quote(name);
        }

        List<String> statements() {
            List<String> statements = new ArrayList<>();
            statements.add("CREATE %sVIEW %s%s AS %s".formatted(materialized ? "MATERIALIZED " : "", qualifiedName(),
                    options == null || options.isEmpty() ? "" : " WITH (" + options + ")", definition));
            String kind = materialized ? "MATERIALIZED VIEW " : "VIEW ";
            if (owner != null) {
                statements.add("ALTER " + kind + qualifiedName() + " OWNER TO " + quote(owner));
            }
            if (comment != null) {
                statements.add("COMMENT ON " + kind + qualifiedName() + " IS '" + comment.replace("'", "''") + "'");
            }
            statements.addAll(grants);
            return statements;
        }

        private static String quote(String identifier) {
            return "\"" + identifier.replace("\"", "\"\"") + "\"";
        }
    }

    private final JdbcTemplate jdbc;

    UserViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The users' views that replacing {@code tables} would drop, in an order in which they can be made again. */
    List<Saved> dependingOn(List<String> tables) {
        return jdbc.query(SqlFiles.read("sql/load/dependent_views.sql"), (rs, row) -> new Saved(rs.getString("schema"),
                        rs.getString("name"), rs.getBoolean("materialized"), rs.getString("definition"),
                        rs.getString("options"), rs.getString("owner"), rs.getString("comment"),
                        Arrays.asList((String[]) rs.getArray("grants").getArray())),
                tables.toArray(String[]::new), ownViews().toArray(String[]::new));
    }

    /**
     * Makes the saved views again, each in a savepoint of the caller's transaction ({@code transaction}); returns
     * those that could not be, as "name (reason)", after logging each with its definition.
     */
    List<String> recreate(List<Saved> views, TransactionStatus transaction) {
        List<String> lost = new ArrayList<>();
        for (Saved view : views) {
            Object savepoint = transaction.createSavepoint();
            try {
                view.statements().forEach(jdbc::execute);
                transaction.releaseSavepoint(savepoint);
            } catch (DataAccessException e) {
                transaction.rollbackToSavepoint(savepoint);
                String reason = ErrorMessages.of(e.getMostSpecificCause()).lines().findFirst().orElse("")
                        .replaceFirst("^ERROR:\\s*", "");
                lost.add("%s.%s (%s)".formatted(view.schema(), view.name(), reason));
                log.warn("The view {}.{} reads the loaded tables and could not be made again over the new ones: {}. "
                                + "The load goes on without it; to make it again by hand, adapt its definition: {};",
                        view.schema(), view.name(), reason, view.statements().get(0));
            }
        }
        if (!views.isEmpty()) {
            log.info("Made again {} of the {} views built on the loaded tables", views.size() - lost.size(), views.size());
        }
        return lost;
    }

    /** The names of the views that {@value #PUBLISHED_VIEWS} makes. */
    static List<String> ownViews() {
        Matcher view = Pattern.compile("(?i)CREATE\\s+(?:OR\\s+REPLACE\\s+)?VIEW\\s+(\\w+)").matcher(SqlFiles.read(PUBLISHED_VIEWS));
        List<String> names = new ArrayList<>();
        while (view.find()) {
            names.add(view.group(1));
        }
        return names;
    }
}
