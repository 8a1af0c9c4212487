package io.istgt.telemetry.collector.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Compares an existing topic with what the collector wants. Conflicts stop the collector at start; a different
 * compression type is only a warning (the broker recompresses, nothing is lost).
 */
final class TopicCheck {

    /** What the broker says of an existing topic. */
    record Found(int partitions, short replicationFactor, Map<String, String> configs) {
        Found {
            configs = Map.copyOf(configs);
        }
    }

    record Result(List<String> conflicts, List<String> warnings) {
        Result {
            conflicts = List.copyOf(conflicts);
            warnings = List.copyOf(warnings);
        }
    }

    private TopicCheck() {
    }

    static Result check(TopicSpec wanted, Found found, TopicKeys keys) {
        String topic = wanted.name();
        List<String> conflicts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (found.partitions() < wanted.partitions()) {
            conflicts.add("topic " + topic + " has " + found.partitions() + " partitions, fewer than the "
                    + wanted.partitions() + " wanted (" + keys.partitions() + "): set " + keys.partitions() + "="
                    + found.partitions() + " to accept it, or add partitions with kafka-topics.sh --alter --topic "
                    + topic + " --partitions " + wanted.partitions()
                    + " (records of a volume then move to another partition)");
        }
        if (wanted.replicationFactor().isPresent() && found.replicationFactor() < wanted.replicationFactor().get()) {
            conflicts.add("topic " + topic + " has replication factor " + found.replicationFactor()
                    + ", below the " + wanted.replicationFactor().get() + " wanted (" + keys.replicationFactor()
                    + "): reassign its partitions to more brokers, or set " + keys.replicationFactor() + "="
                    + found.replicationFactor() + " to accept it");
        }
        String policy = found.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy != null && !policy.strip().equals(TopicSpec.CLEANUP_POLICY)) {
            conflicts.add("topic " + topic + " has cleanup.policy=" + policy + ", the collector needs "
                    + TopicSpec.CLEANUP_POLICY + " (compaction would keep only the latest record per key and lose the"
                    + " history): run kafka-configs.sh --alter --entity-type topics --entity-name " + topic
                    + " --add-config cleanup.policy=delete, or use another topic (" + wanted.nameKey() + ")");
        }
        String retention = found.configs().get(TopicConfig.RETENTION_MS_CONFIG);
        if (retention != null && retentionTooShort(Long.parseLong(retention.strip()), wanted.retentionMs())) {
            conflicts.add("topic " + topic + " has retention.ms=" + retention.strip() + ", shorter than the "
                    + wanted.retentionMs() + " wanted (" + keys.retention() + "): run kafka-configs.sh --alter"
                    + " --entity-type topics --entity-name " + topic + " --add-config retention.ms="
                    + wanted.retentionMs() + ", or set " + keys.retention() + " to at most what the topic keeps");
        }
        String compression = found.configs().get(TopicConfig.COMPRESSION_TYPE_CONFIG);
        if (compression != null && !compression.equals(wanted.compressionType()) && !compression.equals("producer")) {
            warnings.add("topic " + topic + " has compression.type=" + compression + ", not the "
                    + wanted.compressionType() + " wanted (" + keys.compression() + "): the broker recompresses"
                    + " the collector's batches");
        }
        return new Result(conflicts, warnings);
    }

    /** -1 is unlimited: nothing is shorter than it wants, and only unlimited satisfies it. */
    static boolean retentionTooShort(long foundMs, long wantedMs) {
        if (foundMs < 0) {
            return false;
        }
        return wantedMs < 0 || foundMs < wantedMs;
    }

    /** The collector's setting names, so that a conflict says which setting to change. */
    record TopicKeys(String partitions, String replicationFactor, String retention, String compression) {
    }
}
