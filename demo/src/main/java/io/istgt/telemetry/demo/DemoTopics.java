package io.istgt.telemetry.demo;

import io.istgt.telemetry.analytics.AnalyticsConfig;
import java.time.Duration;
import java.util.ArrayList;
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
 * policy rather than a broker's auto-created defaults. Names are the analytics' defaults, which the collector
 * writes to as well. Existing topics are left as they are (on an existing cluster an operator may have tuned them).
 */
final class DemoTopics {

    static final String VOLUME_STATUS = "istgt.volume.status";
    static final String REPLICA_STATUS = "istgt.replica.status";
    static final String ALERTS = "istgt.alerts";
    static final String ACTIVE_ALERTS = "istgt.alerts.active";
    static final String REPLICA_TRANSITIONS = "istgt.replica.transitions";
    static final String VOLUME_TRANSITIONS = "istgt.volume.transitions";
    static final String VOLUME_HISTORY = "istgt.volume.history";
    static final String REPLICA_HISTORY = "istgt.replica.history";

    /** As the collector and the analytics create them by default: status 7 days, history a year. */
    static final Duration STATUS_RETENTION = Duration.ofDays(7);
    static final Duration HISTORY_RETENTION = Duration.ofDays(365);
    static final int PARTITIONS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private DemoTopics() {
    }

    /** The analytics' topic keys set to the names above (the defaults, stated so a reader sees them in one place). */
    static Map<String, Object> analyticsTopicSettings() {
        return Map.of(
                AnalyticsConfig.VOLUME_TOPIC, VOLUME_STATUS,
                AnalyticsConfig.REPLICA_TOPIC, REPLICA_STATUS,
                AnalyticsConfig.ALERTS_TOPIC, ALERTS,
                AnalyticsConfig.ACTIVE_ALERTS_TOPIC, ACTIVE_ALERTS,
                AnalyticsConfig.TRANSITIONS_TOPIC, REPLICA_TRANSITIONS,
                AnalyticsConfig.VOLUME_TRANSITIONS_TOPIC, VOLUME_TRANSITIONS,
                AnalyticsConfig.VOLUME_HISTORY_TOPIC, VOLUME_HISTORY,
                AnalyticsConfig.REPLICA_HISTORY_TOPIC, REPLICA_HISTORY);
    }

    static List<NewTopic> wanted(short replication) {
        Map<String, String> status = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(STATUS_RETENTION.toMillis()));
        Map<String, String> history = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(HISTORY_RETENTION.toMillis()));
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        List<NewTopic> topics = new ArrayList<>();
        for (String name : List.of(VOLUME_STATUS, REPLICA_STATUS)) {
            topics.add(new NewTopic(name, PARTITIONS, replication).configs(status));
        }
        for (String name : List.of(ALERTS, REPLICA_TRANSITIONS, VOLUME_TRANSITIONS)) {
            topics.add(new NewTopic(name, PARTITIONS, replication).configs(history));
        }
        topics.add(new NewTopic(ACTIVE_ALERTS, PARTITIONS, replication).configs(compacted));
        Map<String, String> blocks = new java.util.HashMap<>(history);
        blocks.put(TopicConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        for (String name : List.of(VOLUME_HISTORY, REPLICA_HISTORY)) {
            topics.add(new NewTopic(name, PARTITIONS, replication).configs(blocks));
        }
        return topics;
    }

    /** What {@link #ensure} did: the replication factor it used and the topics it created. */
    record Ensured(short replication, List<String> created) {
    }

    /** Creates the missing topics with replication min(3, brokers). */
    static Ensured ensure(Admin admin) throws InterruptedException {
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
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            return new Ensured(replication, List.copyOf(created));
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot reach Kafka to create the topics: " + cause, cause);
        }
    }
}
