package org.wikimedia.phlogiston.runcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CurrentCommandTest {

    @AfterEach
    void backToNoCommandLine() {
        CurrentCommand.set();
    }

    @Test
    void passwordsAreMaskedForOtherUsersOfTheDatabase() {
        CurrentCommand.set("load", "--db-password", "s3cret", "--dump", "my dump.json",
                "--db-url=jdbc:postgresql://db/phlogiston?user=p&password=s3cret", "--db-password=s3cret",
                "--dump", "https://reader:t0ken@dumps.example.org/phabricator.dump");

        assertThat(CurrentCommand.get()).isEqualTo("phlogiston load --db-password *** --dump 'my dump.json' "
                + "--db-url=jdbc:postgresql://db/phlogiston?user=p&password=*** --db-password=*** "
                + "--dump https://reader:***@dumps.example.org/phabricator.dump");
    }
}
