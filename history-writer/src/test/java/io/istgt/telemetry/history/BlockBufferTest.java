package io.istgt.telemetry.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BlockBufferTest {

    private static final TopicPartition P0 = new TopicPartition("istgt.volume.status", 0);
    private static final TopicPartition P1 = new TopicPartition("istgt.volume.status", 1);
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final BlockBuffer<String, Integer> buffer =
            new BlockBuffer<>(new BlockLimits(3, Duration.ofMinutes(10), Duration.ofMinutes(2)));

    @Test
    void aBlockClosesWhenFullWithItsKeysRecordsOnly() {
        assertThat(add("vol1", 1, 0, P0, 10)).isEmpty();
        assertThat(add("vol2", 100, 0, P0, 11)).isEmpty();
        assertThat(add("vol1", 2, 1, P0, 12)).isEmpty();

        List<BlockBuffer.Block<String, Integer>> closed = add("vol1", 3, 2, P0, 13);

        assertThat(closed).containsExactly(new BlockBuffer.Block<>("vol1", P0, 10, List.of(1, 2, 3)));
        assertThat(openBlocks()).isEqualTo(1);
    }

    @Test
    void aRecordPastTheSpanStartsTheNextBlock() {
        add("vol1", 1, 0, P0, 10);
        add("vol1", 2, 300, P0, 11);

        List<BlockBuffer.Block<String, Integer>> closed = add("vol1", 3, 600, P0, 12);

        assertThat(closed).containsExactly(new BlockBuffer.Block<>("vol1", P0, 10, List.of(1, 2)));
        assertThat(firstOffsets()).containsExactly(Map.entry(P0, 12L));
    }

    @Test
    void aKeyWhoseRecordsMoveToAnotherPartitionStartsTheNextBlock() {
        add("vol1", 1, 0, P0, 10);

        assertThat(add("vol1", 2, 1, P1, 4)).containsExactly(new BlockBuffer.Block<>("vol1", P0, 10, List.of(1)));
        assertThat(firstOffsets()).containsExactly(Map.entry(P1, 4L));
    }

    @Test
    void aSilentKeysBlockClosesAfterTheIdleTimeOfTheWallClock() {
        buffer.add("vol1", 1, T0, P0, 10, 0);
        buffer.add("vol2", 100, T0, P0, 11, 60 * SECOND);

        assertThat(buffer.closeIdle(119 * SECOND)).isEmpty();
        assertThat(buffer.closeIdle(120 * SECOND)).containsExactly(new BlockBuffer.Block<>("vol1", P0, 10, List.of(1)));
        assertThat(buffer.closeIdle(180 * SECOND)).containsExactly(new BlockBuffer.Block<>("vol2", P0, 11, List.of(100)));
    }

    @Test
    void theOpenBlocksHoldBackTheCommitOfTheirPartitionAndLeaveWithIt() {
        add("vol1", 1, 0, P0, 10);
        add("vol2", 100, 0, P1, 3);
        add("vol3", 200, 0, P0, 11);
        assertThat(firstOffsets()).containsOnly(Map.entry(P0, 10L), Map.entry(P1, 3L));

        assertThat(buffer.closeFrom(P0::equals)).extracting(BlockBuffer.Block::key).containsExactly("vol1", "vol3");
        buffer.dropFrom(P1::equals);

        assertThat(openBlocks()).isZero();
    }

    private List<BlockBuffer.Block<String, Integer>> add(String key, int record, int secondsAfterT0,
                                                         TopicPartition source, long offset) {
        return buffer.add(key, record, T0.plusSeconds(secondsAfterT0), source, offset, secondsAfterT0 * SECOND);
    }

    private Map<TopicPartition, Long> firstOffsets() {
        Map<TopicPartition, Long> lowest = new HashMap<>();
        buffer.forEachFirstOffset((tp, offset) -> lowest.merge(tp, offset, Math::min));
        return lowest;
    }

    /** The blocks open now: each holds back the commit at its first offset. */
    private int openBlocks() {
        int[] open = {0};
        buffer.forEachFirstOffset((tp, offset) -> open[0]++);
        return open[0];
    }
}
