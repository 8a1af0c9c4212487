package io.istgt.telemetry.replay.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChartBucketsTest {

    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void shouldKeepTheSameNumberOfPointsWhateverTheWindowsLength() {
        ChartBuckets months = new ChartBuckets(FROM, FROM.plus(Duration.ofDays(90)), 600);
        for (int i = 0; i < 90 * 8640; i += 97) {
            months.sum("reads", FROM.plusSeconds(i * 10L), 1);
        }
        assertThat(months.get("reads")).hasSize(600);
        assertThat(months.width()).isEqualTo(Duration.ofHours(3).plusMinutes(36));
    }

    @Test
    void shouldSumCountersAndKeepTheMaximumOfGaugesPerBucket() {
        ChartBuckets b = new ChartBuckets(FROM, FROM.plusSeconds(100), 10);
        b.sum("errors", FROM.plusSeconds(1), 2);
        b.sum("errors", FROM.plusSeconds(9), 3);
        b.max("inflight", FROM.plusSeconds(1), 4);
        b.max("inflight", FROM.plusSeconds(9), 1);

        assertThat(b.get("errors")[0]).isEqualTo(5);
        assertThat(b.get("inflight")[0]).isEqualTo(4);
        assertThat(b.get("errors")[1]).isNaN();
    }

    @Test
    void shouldPutTheWindowsEndInTheLastBucketAndIgnoreTimesOutside() {
        ChartBuckets b = new ChartBuckets(FROM, FROM.plusSeconds(100), 10);
        assertThat(b.index(FROM.plusSeconds(100))).isEqualTo(9);
        assertThat(b.index(FROM.minusSeconds(1))).isEqualTo(-1);
        assertThat(b.index(FROM.plusSeconds(200))).isEqualTo(-1);
    }

    @Test
    void shouldRefuseAnEmptyWindow() {
        assertThatThrownBy(() -> new ChartBuckets(FROM, FROM, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends");
    }
}
