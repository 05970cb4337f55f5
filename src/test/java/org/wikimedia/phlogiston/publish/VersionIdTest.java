package org.wikimedia.phlogiston.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class VersionIdTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:15:00Z");

    @Test
    void aNewIdIsTheTimeWithCounterOne() {
        assertThat(VersionId.next(NOW, Optional.empty())).hasToString("20261126T101500Z-001");
        assertThat(VersionId.next(NOW, VersionId.parse("20261126T101459Z-007"))).hasToString("20261126T101500Z-001");
    }

    @Test
    void idsKeepGrowingWhenTheClockStandsStillOrGoesBack() {
        assertThat(VersionId.next(NOW, VersionId.parse("20261126T101500Z-001"))).hasToString("20261126T101500Z-002");
        assertThat(VersionId.next(NOW, VersionId.parse("20270101T000000Z-002"))).hasToString("20270101T000000Z-003");
    }

    @Test
    void countersBeyondThreeDigitsStillSortAfterTheOthers() {
        VersionId thousandth = VersionId.next(NOW, VersionId.parse("20261126T101500Z-999"));
        assertThat(thousandth).hasToString("20261126T101500Z-1000");
        assertThat(VersionId.parse(thousandth.toString())).contains(thousandth);
        assertThat(thousandth).isGreaterThan(VersionId.parse("20261126T101500Z-999").orElseThrow());
    }

    @Test
    void otherNamesAreNotVersions() {
        assertThat(VersionId.parse(".lock")).isEmpty();
        assertThat(VersionId.parse(".draft-20261126T101500Z-001")).isEmpty();
        assertThat(VersionId.parse("20261126T101500Z")).isEmpty();
    }
}
