package org.wikimedia.phlogiston.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import org.wikimedia.phlogiston.PhlogistonProperties;

/** The setting phlogiston.db.embedded-database, and the names test classes give their databases with it. */
class DatabaseNamesTest {

    private static final String LONGEST = "d".repeat(63);

    @ParameterizedTest
    @ValueSource(strings = {"phlogiston", "t_runcommandtest", "_x", "a1"})
    void aLowercaseIdentifierNamesTheEmbeddedDatabase(String name) {
        assertThat(database(name).embeddedDatabase()).isEqualTo(name);
        assertThat(database(LONGEST).embeddedDatabase()).isEqualTo(LONGEST);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Phlogiston", "1st", "my-data", "x; DROP DATABASE phlogiston", "dé"})
    void anythingElseIsRefusedNamingTheSetting(String name) {
        assertThatThrownBy(() -> database(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("phlogiston.db.embedded-database must be 1 to 63 lowercase letters, digits or underscores, "
                        + "not starting with a digit; it is '" + name + "'");
        assertThatThrownBy(() -> database(LONGEST + "d")).hasMessageContaining("it is '" + LONGEST + "d'");
    }

    @Test
    void aTestClassesDatabaseIsNamedAfterItWithinPostgreSqlsLimit() {
        assertThat(DatabasePerTestClass.databaseName(DatabaseNamesTest.class)).isEqualTo("t_databasenamestest");
        assertThat(DatabasePerTestClass.databaseName(AClassWhoseNameIsLongerThanTheSixtyThreeCharactersPostgreSqlKeeps.class))
                .isEqualTo("t_aclasswhosenameislongerthanthesixtythreecharacterspostgresqlk").hasSize(63)
                .matches(name -> database(name) != null);
    }

    private static PhlogistonProperties.Database database(String name) {
        return new PhlogistonProperties.Database(null, "postgres", null, name);
    }

    private static final class AClassWhoseNameIsLongerThanTheSixtyThreeCharactersPostgreSqlKeeps {
    }
}
