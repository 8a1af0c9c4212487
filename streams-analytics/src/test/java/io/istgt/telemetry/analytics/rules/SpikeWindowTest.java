package io.istgt.telemetry.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SpikeWindowTest {

    private static final Instant T0 = Instant.parse("2026-11-25T02:10:00Z");
    private static final SpikeWindow.Thresholds ONE_MINUTE_ABS_10_X5 =
            new SpikeWindow.Thresholds(Duration.ofMinutes(1), 10, 5.0, 3, 0.3);

    @Test
    void shouldSpikeWhenTheWindowSumReachesTheAbsoluteThreshold() {
        SpikeWindow w = SpikeWindow.EMPTY
                .add(T0, 4, ONE_MINUTE_ABS_10_X5)
                .add(T0.plusSeconds(20), 6, ONE_MINUTE_ABS_10_X5);
        assertThat(w.sum()).isEqualTo(10);
        assertThat(w.isSpike(ONE_MINUTE_ABS_10_X5)).isTrue();
    }

    @Test
    void shouldForgetDeltasOlderThanTheWindow() {
        SpikeWindow w = SpikeWindow.EMPTY
                .add(T0, 9, ONE_MINUTE_ABS_10_X5)
                .add(T0.plusSeconds(70), 2, ONE_MINUTE_ABS_10_X5);
        assertThat(w.sum()).isEqualTo(2);
        assertThat(w.isSpike(ONE_MINUTE_ABS_10_X5)).isFalse();
    }

    @Test
    void shouldSpikeOnAMultipleOfTheBaselineButNotOnAQuietCounterTicking() {
        SpikeWindow w = SpikeWindow.EMPTY;
        // given a baseline of about 1 error per minute for five minutes
        for (int minute = 0; minute < 5; minute++) {
            w = w.add(T0.plusSeconds(60L * minute), 1, ONE_MINUTE_ABS_10_X5);
            assertThat(w.isSpike(ONE_MINUTE_ABS_10_X5)).isFalse();
        }
        // when 6 errors arrive in the next minute (under the absolute 10, over 5x the baseline)
        w = w.add(T0.plusSeconds(300), 6, ONE_MINUTE_ABS_10_X5);
        // then it is a spike
        assertThat(w.baseline()).isBetween(0.9, 1.1);
        assertThat(w.isSpike(ONE_MINUTE_ABS_10_X5)).isTrue();
    }

    @Test
    void shouldCountAnOutOfOrderDeltaInsideTheWindow() {
        SpikeWindow w = SpikeWindow.EMPTY
                .add(T0.plusSeconds(30), 5, ONE_MINUTE_ABS_10_X5)
                .add(T0.plusSeconds(10), 5, ONE_MINUTE_ABS_10_X5);
        assertThat(w.sum()).isEqualTo(10);
        assertThat(w.deltas()).extracting(SpikeWindow.TimedDelta::at)
                .containsExactly(T0.plusSeconds(10), T0.plusSeconds(30));
    }

    @Test
    void shouldRejectAZeroWindow() {
        assertThatThrownBy(() -> new SpikeWindow.Thresholds(Duration.ZERO, 10, 5, 3, 0.3))
                .hasMessage("spike window must be positive, got PT0S");
    }
}
