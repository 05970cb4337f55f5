package org.wikimedia.phlogiston.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The start benchmark's verdict rests on medians: the middle run, or the mean of the two middle ones. */
class StartBenchmarkTest {

    @Test
    void theMedianIsTheMiddleRunWhateverTheOrder() {
        assertThat(StartBenchmark.median(List.of(3.1, 0.9, 12.0))).isEqualTo(3.1);
        assertThat(StartBenchmark.median(List.of(2.0))).isEqualTo(2.0);
    }

    @Test
    void anEvenNumberOfRunsTakesTheMeanOfTheMiddleTwo() {
        assertThat(StartBenchmark.median(List.of(4.0, 1.0, 2.0, 100.0))).isEqualTo(3.0);
    }
}
