package io.istgt.telemetry.bench.storage;

import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.bench.proc.Services;
import io.istgt.telemetry.bench.scale.FleetRun;
import io.istgt.telemetry.collector.config.RunSettings;
import io.istgt.telemetry.history.HistoryWriter;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The product's history writer ({@link HistoryWriter}, in this JVM) following a run's live topics: started before
 * the run, it writes their records as history blocks with the product's default block limits as the polls arrive,
 * and is closed once it has written all of them; then the history topics' log size on the broker is what a year
 * of history costs per snapshot.
 */
final class HistoryRun {

    /**
     * The writer closes a block when its key has had no record for this many poll intervals. The product's
     * default (minutes) is for a collector that is gone; here the collector stops at the end of the run, and the
     * last blocks close this long after. During the run a key's polls come an interval apart, so no block closes
     * early (the printed records per block would show it).
     */
    private static final int IDLE_INTERVALS = 5;

    /** How long the writer may take to write a run's records (a few seconds on a quiet machine). */
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    /** A run's history: its topics' log bytes and how many blocks (one Kafka record each) they hold. */
    record Result(long volumeBytes, long replicaBytes, long blocks) {
        long bytes() {
            return volumeBytes + replicaBytes;
        }
    }

    private final Services services;
    private final AnalyticsConfig config;
    private final List<String> liveTopics;
    private final List<String> historyTopics;
    private final SchemaRegistryClient registry;
    private final HistoryWriter writer;

    private HistoryRun(Services services, AnalyticsConfig config, Map<String, Object> settings) {
        this.services = services;
        this.config = config;
        this.liveTopics = List.of(config.getString(AnalyticsConfig.VOLUME_TOPIC),
                config.getString(AnalyticsConfig.REPLICA_TOPIC));
        this.historyTopics = List.of(config.getString(AnalyticsConfig.VOLUME_HISTORY_TOPIC),
                config.getString(AnalyticsConfig.REPLICA_HISTORY_TOPIC));
        this.registry = new AvroSerdeConfig(settings).createClient();
        this.writer = HistoryWriter.start(config.historySettings(), settings, registry);
    }

    /**
     * Starts the writer before the run, so it follows the live polls as it does in production: its blocks close
     * as their keys' polls arrive and share producer batches only with blocks that close at about the same time.
     * The live topics are created here, as the collector creates them, so the writer can subscribe from the start.
     */
    static HistoryRun start(Services services, FleetRun.Plan run) throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, services.registryUrl());
        settings.put(AnalyticsConfig.VOLUME_TOPIC, run.volumeTopic());
        settings.put(AnalyticsConfig.REPLICA_TOPIC, run.replicaTopic());
        settings.put(AnalyticsConfig.VOLUME_HISTORY_TOPIC, "bench." + run.name() + ".volume.history");
        settings.put(AnalyticsConfig.REPLICA_HISTORY_TOPIC, "bench." + run.name() + ".replica.history");
        settings.put(AnalyticsConfig.HISTORY_GROUP_ID, "bench." + run.name() + ".history-writer");
        settings.put(AnalyticsConfig.HISTORY_BLOCK_IDLE_MS, run.interval().multipliedBy(IDLE_INTERVALS).toMillis());
        AnalyticsConfig config = new AnalyticsConfig(settings);
        try (Admin admin = services.kafka().admin()) {
            createLiveTopics(admin, run);
            createHistoryTopics(admin, config, Map.of(run.volumeTopic(), config.getString(
                    AnalyticsConfig.VOLUME_HISTORY_TOPIC), run.replicaTopic(), config.getString(
                    AnalyticsConfig.REPLICA_HISTORY_TOPIC)));
        }
        return new HistoryRun(services, config, settings);
    }

    /** Once the run's collector has stopped: waits until every record is in a block on the broker, then measures. */
    Result finish() throws Exception {
        try (Admin admin = services.kafka().admin()) {
            Map<TopicPartition, Long> end = endOffsets(admin, liveTopics);
            try {
                awaitCommitted(admin, config.getString(AnalyticsConfig.HISTORY_GROUP_ID), end);
            } finally {
                writer.close();
                registry.close();
            }
            long blocks = endOffsets(admin, historyTopics).values().stream().mapToLong(Long::longValue).sum();
            long[] bytes = FleetRun.topicBytes(services, historyTopics);
            return new Result(bytes[0], bytes[1], blocks);
        }
    }

    /** The live topics as the collector creates them for the run ({@code --topic-partitions 6}, its defaults). */
    private static void createLiveTopics(Admin admin, FleetRun.Plan run) throws ExecutionException, InterruptedException {
        long retention = RunSettings.TOPIC_RETENTION.parser().apply(RunSettings.TOPIC_RETENTION.defaultText());
        Map<String, String> configs = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention), TopicConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        admin.createTopics(List.of(new NewTopic(run.volumeTopic(), FleetRun.PARTITIONS, (short) 1).configs(configs),
                new NewTopic(run.replicaTopic(), FleetRun.PARTITIONS, (short) 1).configs(configs))).all().get();
    }

    /**
     * The history topics as the analytics creates them (its OutputTopics): zstd, the history retention; and as
     * many partitions as the live topic each is written from ({@link FleetRun#PARTITIONS}, as
     * {@link #createLiveTopics} made them: a describe right after their creation can miss them), as a deployment
     * would give them.
     */
    private static void createHistoryTopics(Admin admin, AnalyticsConfig config, Map<String, String> historyByLive)
            throws ExecutionException, InterruptedException {
        Map<String, String> configs = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(config.getLong(AnalyticsConfig.HISTORY_RETENTION_MS)),
                TopicConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        List<NewTopic> topics = historyByLive.values().stream()
                .map(history -> new NewTopic(history, FleetRun.PARTITIONS, (short) 1).configs(configs))
                .toList();
        admin.createTopics(topics).all().get();
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /**
     * Waits until the writer's group has committed every partition to its end. The writer commits a partition
     * only up to the first record of its oldest block not yet acknowledged by the broker, so this means every
     * record is in a block on the broker.
     */
    private static void awaitCommitted(Admin admin, String group, Map<TopicPartition, Long> end) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            Map<TopicPartition, Long> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> offset(e.getValue())));
            if (end.entrySet().stream().allMatch(e -> committed.getOrDefault(e.getKey(), -1L) >= e.getValue())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the history writer had not written the run within " + DEADLINE
                        + ": committed " + committed + ", end offsets " + end);
            }
            // The writer commits every 5 s: asking twice a second finds its commit within half a second of it.
            Thread.sleep(500);
        }
    }

    private static long offset(OffsetAndMetadata committed) {
        return committed == null ? -1 : committed.offset();
    }
}
