package org.wikimedia.phlogiston.run;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What {@code phlogiston serve} runs and when, under {@code phlogiston.schedule.}; each option of serve overrides its
 * setting.
 *
 * @param cron     a Quartz cron expression, seconds first: the default is 04:15 every day
 * @param timeZone the zone the cron expression's times are in
 * @param mode     the run's mode
 * @param scopes   the scopes to run, in this order; empty: every scope of the scopes dir at the time of the run
 * @param load     whether the run loads a fresher dump first; null: as the mode does by default
 * @param lockWait how long a run waits for another run holding its locks before it is skipped
 * @param httpPort the port to serve the output folder on; 0: no HTTP server
 * @param httpBind the address the HTTP server listens on: only this machine by default
 */
@ConfigurationProperties("phlogiston.schedule")
public record ScheduleProperties(
        @DefaultValue("0 15 4 * * ?") String cron,
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue("incremental") RunMode mode,
        @DefaultValue List<String> scopes,
        Boolean load,
        @DefaultValue("0s") Duration lockWait,
        @DefaultValue("0") int httpPort,
        @DefaultValue("127.0.0.1") String httpBind) {
}
