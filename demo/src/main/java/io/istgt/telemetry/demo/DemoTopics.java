package io.istgt.telemetry.demo;

import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.schemas.IstgtTopic;
import io.istgt.telemetry.schemas.KafkaRefusal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics of the pipeline, created before anything writes to them so each gets its retention and cleanup
 * policy rather than a broker's auto-created defaults: those of the topic catalogue ({@link IstgtTopic}), whose
 * names the collector and the analytics take by default. Existing topics are left as they are (on an existing cluster an operator may have tuned them).
 */
final class DemoTopics {

    static final String VOLUME_STATUS = IstgtTopic.VOLUME_STATUS.defaultName();
    static final String REPLICA_STATUS = IstgtTopic.REPLICA_STATUS.defaultName();
    static final String ALERTS = IstgtTopic.ALERTS.defaultName();
    static final String VOLUME_HISTORY = IstgtTopic.VOLUME_HISTORY.defaultName();
    static final String REPLICA_HISTORY = IstgtTopic.REPLICA_HISTORY.defaultName();

    static final int PARTITIONS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private DemoTopics() {
    }

    /** The analytics' topic keys set to the catalogue's names (their defaults, stated so the demo shows them). */
    static Map<String, Object> analyticsTopicSettings() {
        return Map.of(
                AnalyticsConfig.VOLUME_TOPIC, VOLUME_STATUS,
                AnalyticsConfig.REPLICA_TOPIC, REPLICA_STATUS,
                AnalyticsConfig.ALERTS_TOPIC, ALERTS,
                AnalyticsConfig.ACTIVE_ALERTS_TOPIC, IstgtTopic.ACTIVE_ALERTS.defaultName(),
                AnalyticsConfig.TRANSITIONS_TOPIC, IstgtTopic.REPLICA_TRANSITIONS.defaultName(),
                AnalyticsConfig.VOLUME_TRANSITIONS_TOPIC, IstgtTopic.VOLUME_TRANSITIONS.defaultName(),
                AnalyticsConfig.VOLUME_HISTORY_TOPIC, VOLUME_HISTORY,
                AnalyticsConfig.REPLICA_HISTORY_TOPIC, REPLICA_HISTORY);
    }

    /** Every topic of the catalogue, with the retention and cleanup policy the product creates it with. */
    static List<NewTopic> wanted(short replication) {
        List<NewTopic> topics = new ArrayList<>();
        for (IstgtTopic topic : IstgtTopic.values()) {
            Map<String, String> configs = new HashMap<>();
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, topic.retention().cleanupPolicy());
            topic.retention().duration().ifPresent(d -> configs.put(TopicConfig.RETENTION_MS_CONFIG,
                    Long.toString(d.toMillis())));
            if (topic.writer() == IstgtTopic.Writer.HISTORY_WRITER) {
                configs.put(TopicConfig.COMPRESSION_TYPE_CONFIG, "zstd");
            }
            topics.add(new NewTopic(topic.defaultName(), PARTITIONS, replication).configs(configs));
        }
        return topics;
    }

    /** What {@link #ensure} did: the replication factor it used and the topics it created. */
    record Ensured(short replication, List<String> created) {
    }

    /**
     * Creates the missing topics with replication min(3, brokers).
     *
     * @param principal who the admin is ({@code KafkaRefusal.principal}), named when Kafka refuses it
     */
    static Ensured ensure(Admin admin, String principal) throws InterruptedException {
        try {
            int brokers = admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            short replication = (short) Math.max(1, Math.min(3, brokers));
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = wanted(replication).stream().filter(t -> !existing.contains(t.name())).toList();
            List<String> created = new ArrayList<>();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(KafkaRefusal.describe(e.getCause(), "create topic "
                                + entry.getKey(), principal).orElse("cannot create topic " + entry.getKey() + ": "
                                + e.getCause().getMessage()), e.getCause());
                    }
                }
            }
            return new Ensured(replication, List.copyOf(created));
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException(KafkaRefusal.describe(cause, "list the topics", principal)
                    .orElse("cannot reach Kafka to create the topics: " + cause), cause);
        }
    }
}
