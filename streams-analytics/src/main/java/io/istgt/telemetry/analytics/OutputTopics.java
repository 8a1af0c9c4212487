package io.istgt.telemetry.analytics;

import io.istgt.telemetry.schemas.KafkaRefusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the analytics' output topics if they are missing: the alerts, transitions and status history topics
 * with long retention so postmortems can replay them, and the topic of active alerts compacted so it always holds
 * what fires now. Existing topics are left as they are (an operator may have tuned them).
 */
final class OutputTopics {

    private static final Logger log = LoggerFactory.getLogger(OutputTopics.class);

    private OutputTopics() {
    }

    /** @param principal who the admin is, as {@code KafkaRefusal.principal} names it: said in a refusal */
    static void ensure(Admin admin, AnalyticsConfig config, String principal) throws InterruptedException {
        int partitions = config.getInt(AnalyticsConfig.TOPIC_PARTITIONS);
        short configured = config.getShort(AnalyticsConfig.TOPIC_REPLICATION);
        Optional<Short> replication = configured == AnalyticsConfig.BROKER_DEFAULT_REPLICATION ? Optional.empty()
                : Optional.of(configured);
        Optional<Integer> count = Optional.of(partitions);
        String retention = Long.toString(config.getLong(AnalyticsConfig.HISTORY_RETENTION_MS));
        Map<String, String> history = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, retention);
        Map<String, String> active = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        List<NewTopic> wanted = new ArrayList<>();
        for (String key : List.of(AnalyticsConfig.ALERTS_TOPIC, AnalyticsConfig.TRANSITIONS_TOPIC,
                AnalyticsConfig.VOLUME_TRANSITIONS_TOPIC)) {
            wanted.add(new NewTopic(config.getString(key), count, replication).configs(history));
        }
        wanted.add(new NewTopic(config.getString(AnalyticsConfig.ACTIVE_ALERTS_TOPIC), count, replication)
                .configs(active));
        if (config.getBoolean(AnalyticsConfig.HISTORY_ENABLED)) {
            // zstd is what the writer sends; set on the topic too so a producer configured otherwise is recompressed.
            Map<String, String> blocks = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, retention, TopicConfig.COMPRESSION_TYPE_CONFIG, "zstd");
            for (String key : List.of(AnalyticsConfig.VOLUME_HISTORY_TOPIC, AnalyticsConfig.REPLICA_HISTORY_TOPIC)) {
                wanted.add(new NewTopic(config.getString(key), count, replication).configs(blocks));
            }
        }
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            admin.createTopics(missing).values().forEach((name, future) -> {
                try {
                    future.get();
                    log.info("created topic {}", name);
                } catch (ExecutionException e) {
                    if (KafkaRefusal.isRefusal(e.getCause())) {
                        throw new IllegalStateException(KafkaRefusal.describe(e.getCause(), "create topic " + name,
                                principal).orElseThrow() + " (or create it ahead)", e.getCause());
                    }
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage()
                                + " (create it by hand, or set " + AnalyticsConfig.TOPIC_REPLICATION
                                + " to at most the number of brokers; -1 takes the broker's default)", e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating topic " + name, e);
                }
            });
        } catch (ExecutionException e) {
            throw new IllegalStateException(KafkaRefusal.describe(e.getCause(), "list topics", principal)
                    .orElse("cannot list topics: " + e.getCause().getMessage()), e.getCause());
        }
    }
}
