package io.istgt.telemetry.collector.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;

/**
 * What the collector wants of one of its topics.
 *
 * @param nameKey           the setting that names the topic (volume-topic, replica-topic), for error messages
 * @param replicationFactor empty: the broker's {@code default.replication.factor}
 * @param retentionMs       how long records are kept; -1 keeps them forever
 * @param compressionType   the topic's {@code compression.type} (the producer compresses with zstd)
 */
public record TopicSpec(String name, String nameKey, int partitions, Optional<Short> replicationFactor,
                        long retentionMs, String compressionType) {

    /** Records are a history: they must age out, never be compacted to the latest per key. */
    public static final String CLEANUP_POLICY = TopicConfig.CLEANUP_POLICY_DELETE;

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameKey, "nameKey");
        Objects.requireNonNull(replicationFactor, "replicationFactor");
        Objects.requireNonNull(compressionType, "compressionType");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least 1 partition, got " + partitions);
        }
        if (replicationFactor.isPresent() && replicationFactor.get() < 1) {
            throw new IllegalArgumentException("topic " + name + " needs a replication factor of at least 1, got "
                    + replicationFactor.get());
        }
        if (retentionMs < -1 || retentionMs == 0) {
            throw new IllegalArgumentException("topic " + name + " needs a retention above 0 ms, or -1 for unlimited,"
                    + " got " + retentionMs);
        }
    }

    /** The topic configs set when the collector creates the topic. */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, CLEANUP_POLICY);
        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs));
        configs.put(TopicConfig.COMPRESSION_TYPE_CONFIG, compressionType);
        return configs;
    }
}
