package io.istgt.telemetry.collector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What a drain holds at once, sized from the heap: in a sidecar's 16 MiB heap (about 11 MiB live) a batch read from
 * the spool, its framed copy and a producer buffer per partition must fit; a fleet collector keeps the large ones.
 * The drain itself under the sidecar's flags is SpoolOutageIT's (docs/reliability.md, "Running them").
 */
class HeapSizingTest {

    private static final long MIB = 1L << 20;

    @Test
    void shouldKeepASidecarsDrainWithinAFewMebibytes() {
        long batch = SpoolDrainer.batchBytes(16 * MIB);
        int buffers = 12 * ProducerSettings.batchSize(16 * MIB);

        assertThat(batch).isEqualTo(512 << 10);
        assertThat(2 * batch + buffers).as("read, framed, and 12 partitions' buffers").isLessThanOrEqualTo(2 * MIB);
    }

    @Test
    void shouldKeepAFleetCollectorsLargeBatches() {
        assertThat(SpoolDrainer.batchBytes(96 * MIB)).isEqualTo(3 * MIB);
        assertThat(SpoolDrainer.batchBytes(1024 * MIB)).isEqualTo(4 * MIB);
        assertThat(ProducerSettings.batchSize(96 * MIB)).isEqualTo(256 << 10);
    }

    @Test
    void shouldNotGoBelowAUsefulSize() {
        assertThat(SpoolDrainer.batchBytes(MIB)).isEqualTo(256 << 10);
        assertThat(ProducerSettings.batchSize(MIB)).isEqualTo(16 << 10);
    }
}
