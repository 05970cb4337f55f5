package org.wikimedia.phlogiston.runcontrol;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of run control, under {@code phlogiston.run-control.}.
 *
 * @param deadHolderWait how long a run waits for a lock whose holder's process, on this host, is gone: the server
 *                       ends such a session within seconds (see sql/database/session.sql), and then the run goes on
 */
@ConfigurationProperties("phlogiston.run-control")
public record RunControlProperties(@DefaultValue("3m") Duration deadHolderWait) {
}
