package org.wikimedia.phlogiston.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

import org.wikimedia.phlogiston.DatabaseTest;
import org.wikimedia.phlogiston.PhlogistonProperties;

/** Users get an embedded server that lingers 10 minutes; applications started by the tests get one that stops at once. */
class LingerSettingTest extends DatabaseTest {

    @Autowired
    PhlogistonProperties properties;

    @Test
    void theApplicationsOfTheTestsStopTheirServerAtOnce() {
        assertThat(properties.embedded().linger()).isEqualTo(Duration.ZERO);
    }

    @Test
    void theDefaultIsTenMinutes() throws IOException {
        Binder defaults = new Binder(ConfigurationPropertySources.from(
                new YamlPropertySourceLoader().load("defaults", new ClassPathResource("application.yml"))));
        assertThat(defaults.bind("phlogiston.embedded.linger", Duration.class).get()).isEqualTo(Duration.ofMinutes(10));
    }
}
