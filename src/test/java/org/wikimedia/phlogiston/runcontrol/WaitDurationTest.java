package org.wikimedia.phlogiston.runcontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import picocli.CommandLine;

import org.wikimedia.phlogiston.cli.PhlogistonCommand;

@ExtendWith(OutputCaptureExtension.class)
class WaitDurationTest {

    private final WaitDuration waitDuration = new WaitDuration();

    @Test
    void takesSecondsMinutesHoursAndIso() {
        assertThat(waitDuration.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(waitDuration.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(waitDuration.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(waitDuration.convert("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
        assertThat(waitDuration.convert("0s")).isZero();
        assertThat(WaitDuration.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "10", "-5m", "PT-5M", "1.5h"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> waitDuration.convert(text)).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("'" + text + "' is not a duration: give e.g. 30s, 10m, 2h or PT1H30M");
    }

    @Test
    void aWrongWaitIsAUsageError(CapturedOutput output) {
        assertThat(PhlogistonCommand.execute("load", "--wait", "soon")).isEqualTo(64);
        assertThat(output.getErr()).contains("Invalid value for option '--wait': 'soon' is not a duration");
    }
}
