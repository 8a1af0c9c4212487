package io.istgt.telemetry.collector.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.collector.publish.OutboundRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryBufferTest {

    @Test
    void shouldKeepTheNewestRecordsOfATargetUpToItsCapacity() {
        RetryBuffer buffer = new RetryBuffer(2);
        OutboundRecord a = SinkRecords.volume("/a", 1);
        OutboundRecord b = SinkRecords.volume("/a", 2);
        OutboundRecord c = SinkRecords.volume("/a", 3);

        assertThat(buffer.add("/a", a)).isZero();
        assertThat(buffer.add("/a", b)).isZero();
        assertThat(buffer.add("/a", c)).isEqualTo(1);

        assertThat(buffer.size()).isEqualTo(2);
        assertThat(buffer.drain("/a")).containsExactly(b, c);
        assertThat(buffer.size()).isZero();
        assertThat(buffer.drain("/a")).isEmpty();
    }

    @Test
    void shouldBoundEachTargetSeparately() {
        RetryBuffer buffer = new RetryBuffer(1);
        buffer.add("/a", SinkRecords.volume("/a", 1));
        buffer.add("/b", SinkRecords.volume("/b", 1));

        assertThat(buffer.add("/a", SinkRecords.volume("/a", 2))).isEqualTo(1);

        assertThat(buffer.size()).isEqualTo(2);
        assertThat(buffer.drainAll()).containsOnlyKeys("/a", "/b");
        assertThat(buffer.size()).isZero();
    }

    @Test
    void shouldKeepNothingWithCapacityZeroAndSaySo() {
        RetryBuffer buffer = new RetryBuffer(0);

        assertThat(buffer.add("/a", SinkRecords.volume("/a", 1))).isEqualTo(1);
        assertThat(buffer.drain("/a")).isEqualTo(List.of());
    }

    @Test
    void shouldRefuseANegativeCapacity() {
        assertThatThrownBy(() -> new RetryBuffer(-1)).hasMessage("retry buffer capacity must not be negative, got -1");
    }
}
