package io.istgt.telemetry.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CounterDeltaTest {

    @Test
    void shouldBeTheDifferenceOfAGrowingCounter() {
        assertThat(CounterDelta.of(10L, 15L, false)).isEqualTo(5L);
    }

    @Test
    void shouldReadACounterThatWentDownAsResetNotNegative() {
        assertThat(CounterDelta.of(1_000_000L, 3L, false)).isEqualTo(3L);
    }

    @Test
    void shouldCountFromZeroAfterARestartEvenIfTheCounterDidNotGoDown() {
        // istgt restarted and the counter already climbed past its old value
        assertThat(CounterDelta.of(5L, 7L, true)).isEqualTo(7L);
    }

    @Test
    void shouldBeUnknownWhenEitherSideIsAbsent() {
        assertThat(CounterDelta.of(null, 7L, false)).isNull();
        assertThat(CounterDelta.of(7L, null, false)).isNull();
    }

    @Test
    void shouldTellARestartFromUptimeGoingDown() {
        assertThat(CounterDelta.restarted(75L, 3L)).isTrue();
        assertThat(CounterDelta.restarted(75L, 76L)).isFalse();
        assertThat(CounterDelta.restarted(null, 3L)).isFalse();
    }
}
