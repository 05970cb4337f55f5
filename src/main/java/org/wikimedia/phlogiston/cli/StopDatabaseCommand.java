package org.wikimedia.phlogiston.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import org.wikimedia.phlogiston.PhlogistonProperties;
import org.wikimedia.phlogiston.Secrets;
import org.wikimedia.phlogiston.database.EmbeddedPostgresServer;

/**
 * Stops the embedded server now rather than after its linger time, for an operator who wants nothing left running
 * (before a backup of the data directory, or a move of it). The command is an ordinary user of the server that
 * leaves with a linger of zero: so a server another Phlogiston process still uses is never stopped under it.
 */
@Command(name = "stop-database",
        description = "Stop the embedded database now, unless another Phlogiston process uses it "
                + "(otherwise it stops by itself once unused for phlogiston.embedded.linger).")
class StopDatabaseCommand implements Callable<Integer> {

    @ParentCommand
    PhlogistonCommand phlogiston;

    @Override
    public Integer call() {
        PhlogistonProperties properties;
        try (ConfigurableApplicationContext application = phlogiston.startApplication(
                PhlogistonCommand.Schedule.NONE, List.of("phlogiston.embedded.linger=0"))) {
            properties = application.getBean(PhlogistonProperties.class);
        }
        if (!properties.db().isEmbedded()) {
            phlogiston.out().println("Phlogiston uses the database at " + Secrets.mask(properties.db().url())
                    + "; there is no embedded database to stop.");
            phlogiston.out().flush();
            return 0;
        }
        Path server = properties.dataDir().resolve("postgres");
        if (EmbeddedPostgresServer.isRunning(server)) {
            phlogiston.out().println("The embedded database in " + server + " stays up: another Phlogiston process is "
                    + "using it. It stops once that process has ended and nothing used it for the linger time.");
            phlogiston.out().flush();
            return 1;
        }
        phlogiston.out().println("The embedded database in " + server + " is stopped.");
        phlogiston.out().flush();
        return 0;
    }
}
