package org.wikimedia.phlogiston;

import java.time.Clock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import org.wikimedia.phlogiston.cli.PhlogistonCommand;

/** Phlogiston: the Phabricator dump, reconstructed per scope into burnup charts and forecasts. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PhlogistonApplication {

    public static void main(String[] args) {
        System.exit(PhlogistonCommand.execute(args));
    }

    /**
     * The one source of "now": noon of {@code --as-of} in the configured time zone when given, so that runs
     * and tests are reproducible; the system clock otherwise.
     */
    @Bean
    Clock clock(PhlogistonProperties properties) {
        if (properties.asOf() == null) {
            return Clock.system(properties.timeZone());
        }
        return Clock.fixed(properties.asOf().atTime(12, 0).atZone(properties.timeZone()).toInstant(), properties.timeZone());
    }
}
