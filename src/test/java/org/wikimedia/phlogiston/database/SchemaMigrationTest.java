package org.wikimedia.phlogiston.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.wikimedia.phlogiston.DatabaseTest;

/** The migration is left out only when the schema has every migration of this build, each as its file is now. */
class SchemaMigrationTest extends DatabaseTest {

    @Autowired
    Flyway flyway;

    @Test
    void aSchemaFlywayMigratedIsCurrent() {
        // the checksums computed here are Flyway's own, for every file, the repeatable views included
        assertThat(SchemaMigration.isCurrent(flyway)).isTrue();
        assertThat(flyway.info().pending()).isEmpty();
    }

    @Test
    void anEditedFileAMissingOrAFailedMigrationGoesToFlyway() {
        assertThat(whileChanged("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE script = 'R__published_views.sql'",
                "UPDATE flyway_schema_history SET checksum = checksum - 1 WHERE script = 'R__published_views.sql'")).isFalse();
        assertThat(whileChanged("UPDATE flyway_schema_history SET script = 'V1__renamed.sql' WHERE script = 'V1__job_repository.sql'",
                "UPDATE flyway_schema_history SET script = 'V1__job_repository.sql' WHERE script = 'V1__renamed.sql'")).isFalse();
        assertThat(whileChanged("UPDATE flyway_schema_history SET success = false WHERE script = 'V2__dump_tables.sql'",
                "UPDATE flyway_schema_history SET success = true WHERE script = 'V2__dump_tables.sql'")).isFalse();
        assertThat(SchemaMigration.isCurrent(flyway)).isTrue();
    }

    @Test
    void anEmptyDatabaseIsNotCurrent() {
        jdbc.execute("ALTER TABLE flyway_schema_history RENAME TO flyway_schema_history_away");
        try {
            assertThat(SchemaMigration.isCurrent(flyway)).isFalse();
        } finally {
            jdbc.execute("ALTER TABLE flyway_schema_history_away RENAME TO flyway_schema_history");
        }
    }

    private boolean whileChanged(String change, String undo) {
        jdbc.update(change);
        try {
            return SchemaMigration.isCurrent(flyway);
        } finally {
            jdbc.update(undo);
        }
    }
}
