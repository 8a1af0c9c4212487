package io.istgt.telemetry.collector.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicCheckTest {

    private static final long DAYS_30 = 30L * 24 * 3600 * 1000;
    private static final TopicCheck.TopicKeys KEYS = new TopicCheck.TopicKeys("topic-partitions",
            "topic-replication-factor", "topic-retention", "topic-compression");
    private static final TopicSpec WANTED = new TopicSpec("istgt.volume.status", "volume-topic", 6,
            Optional.of((short) 3), DAYS_30, "zstd");

    private static TopicCheck.Found found(int partitions, int rf, String policy, long retention, String compression) {
        return new TopicCheck.Found(partitions, (short) rf, Map.of("cleanup.policy", policy,
                "retention.ms", Long.toString(retention), "compression.type", compression));
    }

    @Test
    void shouldAcceptATopicAsCreated() {
        TopicCheck.Result r = TopicCheck.check(WANTED, found(6, 3, "delete", DAYS_30, "zstd"), KEYS);

        assertThat(r.conflicts()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void shouldAcceptMorePartitionsReplicasAndALongerOrUnlimitedRetention() {
        assertThat(TopicCheck.check(WANTED, found(12, 5, "delete", DAYS_30 * 2, "producer"), KEYS).conflicts()).isEmpty();
        assertThat(TopicCheck.check(WANTED, found(6, 3, "delete", -1, "zstd"), KEYS).conflicts()).isEmpty();
    }

    @Test
    void shouldNameTopicSettingFoundWantedAndRemedyOfACompactedTopic() {
        TopicCheck.Result r = TopicCheck.check(WANTED, found(6, 3, "compact", DAYS_30, "zstd"), KEYS);

        assertThat(r.conflicts()).containsExactly("topic istgt.volume.status has cleanup.policy=compact, the collector"
                + " needs delete (compaction would keep only the latest record per key and lose the history): run"
                + " kafka-configs.sh --alter --entity-type topics --entity-name istgt.volume.status --add-config"
                + " cleanup.policy=delete, or use another topic (volume-topic)");
    }

    @Test
    void shouldRefuseACompactAndDeleteTopicToo() {
        assertThat(TopicCheck.check(WANTED, found(6, 3, "compact,delete", DAYS_30, "zstd"), KEYS).conflicts()).hasSize(1);
    }

    @Test
    void shouldRefuseAShorterRetention() {
        TopicCheck.Result r = TopicCheck.check(WANTED, found(6, 3, "delete", 604800000L, "zstd"), KEYS);

        assertThat(r.conflicts()).containsExactly("topic istgt.volume.status has retention.ms=604800000, shorter than"
                + " the 2592000000 wanted (topic-retention): run kafka-configs.sh --alter --entity-type topics"
                + " --entity-name istgt.volume.status --add-config retention.ms=2592000000, or set topic-retention to"
                + " at most what the topic keeps");
    }

    @Test
    void shouldRefuseAnyFiniteRetentionWhenUnlimitedIsWanted() {
        TopicSpec unlimited = new TopicSpec("t", "volume-topic", 1, Optional.empty(), -1, "zstd");

        assertThat(TopicCheck.check(unlimited, found(1, 1, "delete", Long.MAX_VALUE, "zstd"), KEYS).conflicts())
                .singleElement().asString().startsWith("topic t has retention.ms=9223372036854775807, shorter than the -1");
        assertThat(TopicCheck.check(unlimited, found(1, 1, "delete", -1, "zstd"), KEYS).conflicts()).isEmpty();
    }

    @Test
    void shouldRefuseFewerPartitionsAndFewerReplicas() {
        TopicCheck.Result r = TopicCheck.check(WANTED, found(3, 1, "delete", DAYS_30, "zstd"), KEYS);

        assertThat(r.conflicts()).containsExactly(
                "topic istgt.volume.status has 3 partitions, fewer than the 6 wanted (topic-partitions): set"
                        + " topic-partitions=3 to accept it, or add partitions with kafka-topics.sh --alter --topic"
                        + " istgt.volume.status --partitions 6 (records of a volume then move to another partition)",
                "topic istgt.volume.status has replication factor 1, below the 3 wanted (topic-replication-factor):"
                        + " reassign its partitions to more brokers, or set topic-replication-factor=1 to accept it");
    }

    @Test
    void shouldOnlyWarnOfAnotherCompression() {
        TopicCheck.Result r = TopicCheck.check(WANTED, found(6, 3, "delete", DAYS_30, "gzip"), KEYS);

        assertThat(r.conflicts()).isEmpty();
        assertThat(r.warnings()).containsExactly("topic istgt.volume.status has compression.type=gzip, not the zstd"
                + " wanted (topic-compression): the broker recompresses the collector's batches");
    }

    @Test
    void shouldListEveryProblemInTheStartError() {
        TopicConflictException e = new TopicConflictException(List.of("a", "b"));

        assertThat(e.getMessage()).isEqualTo("2 topic problems:\n  - a\n  - b");
        assertThat(new TopicConflictException(List.of("only")).getMessage()).isEqualTo("only");
    }

    @Test
    void shouldRefuseImpossibleSpecs() {
        assertThatThrownBy(() -> new TopicSpec("t", "volume-topic", 0, Optional.empty(), -1, "zstd"))
                .hasMessage("topic t needs at least 1 partition, got 0");
        assertThatThrownBy(() -> new TopicSpec("t", "volume-topic", 1, Optional.empty(), 0, "zstd"))
                .hasMessage("topic t needs a retention above 0 ms, or -1 for unlimited, got 0");
    }
}
