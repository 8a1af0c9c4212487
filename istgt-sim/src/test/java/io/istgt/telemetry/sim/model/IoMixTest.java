package io.istgt.telemetry.sim.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IoMixTest {

    @Test
    void shouldSplitIoExactlyByWeight() {
        IoMix mix = IoMix.parse("read10=2,write10=3");

        assertThat(mix.countBefore(ScsiOp.READ10, 1280)).isEqualTo(512);
        assertThat(mix.countBefore(ScsiOp.WRITE10, 1280)).isEqualTo(768);
        assertThat(mix.countBefore(ScsiOp.SYNC10, 1280)).isZero();
    }

    @Test
    void shouldCountMonotonicallyAndAddUpForAnyPrefix() {
        IoMix mix = IoMix.standard();
        long previous = 0;
        for (long n = 0; n < 200; n++) {
            long sum = 0;
            for (ScsiOp op : ScsiOp.values()) {
                sum += mix.countBefore(op, n);
            }
            assertThat(sum).isEqualTo(n);
            long reads = mix.countBefore(ScsiOp.READ10, n);
            assertThat(reads).isGreaterThanOrEqualTo(previous);
            previous = reads;
        }
    }

    @Test
    void shouldNameTheBadEntry() {
        assertThatThrownBy(() -> IoMix.parse("read10=2,wrte10=3")).hasMessageContaining("wrte10");
        assertThatThrownBy(() -> IoMix.parse("read10")).hasMessageContaining("op=weight");
    }
}
