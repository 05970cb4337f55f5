package org.wikimedia.phlogiston.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.wikimedia.phlogiston.database.IdleServerStopper.Idle;
import org.wikimedia.phlogiston.database.IdleServerStopper.Verdict;

/** The idle watcher's decision, at given times: when it stops the server, when it looks again, when it ends. */
class IdleServerStopperTest {

    private static final Instant LEFT = Instant.parse("2026-12-04T10:00:00Z");
    private static final Idle TEN_MINUTES = new Idle(LEFT, Duration.ofMinutes(10));

    @Test
    void anIdleServerIsStoppedOnceItsLingerTimeHasPassedAndNotBefore() {
        assertThat(IdleServerStopper.decide(LEFT, true, false, TEN_MINUTES))
                .isEqualTo(new Verdict.WaitUntil(Instant.parse("2026-12-04T10:10:00Z")));
        assertThat(IdleServerStopper.decide(Instant.parse("2026-12-04T10:09:59.999Z"), true, false, TEN_MINUTES))
                .isEqualTo(new Verdict.WaitUntil(Instant.parse("2026-12-04T10:10:00Z")));
        assertThat(IdleServerStopper.decide(Instant.parse("2026-12-04T10:10:00Z"), true, false, TEN_MINUTES))
                .isEqualTo(new Verdict.Stop());
        assertThat(IdleServerStopper.decide(Instant.parse("2026-12-05T10:00:00Z"), true, false, TEN_MINUTES))
                .isEqualTo(new Verdict.Stop());
    }

    @Test
    void aServerInUseIsLookedAtAgainAfterTheLingerTimeWhateverItsLastUse() {
        assertThat(IdleServerStopper.decide(Instant.parse("2026-12-04T11:00:00Z"), true, true, TEN_MINUTES))
                .isEqualTo(new Verdict.WaitUntil(Instant.parse("2026-12-04T11:10:00Z")));
        assertThat(IdleServerStopper.decide(Instant.parse("2026-12-04T11:00:00Z"), true, true, new Idle(LEFT, Duration.ofSeconds(5))))
                .as("at least a minute apart").isEqualTo(new Verdict.WaitUntil(Instant.parse("2026-12-04T11:01:00Z")));
    }

    @Test
    void withoutARecordOfItsLastUseAnIdleServerIsStoppedAndOneInUseLookedAtEveryMinute() {
        Instant now = Instant.parse("2026-12-04T11:00:00Z");
        assertThat(IdleServerStopper.decide(now, true, false, Idle.UNKNOWN)).isEqualTo(new Verdict.Stop());
        assertThat(IdleServerStopper.decide(now, true, true, Idle.UNKNOWN))
                .isEqualTo(new Verdict.WaitUntil(Instant.parse("2026-12-04T11:01:00Z")));
    }

    @Test
    void theWatcherEndsWhenNoServerRuns() {
        assertThat(IdleServerStopper.decide(LEFT, false, false, TEN_MINUTES)).isEqualTo(new Verdict.NoServer());
        assertThat(IdleServerStopper.decide(LEFT, false, true, TEN_MINUTES)).isEqualTo(new Verdict.NoServer());
    }
}
