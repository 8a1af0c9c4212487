package io.istgt.telemetry.demo;

import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.ReplicaStatusBlock;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.VolumeStatusBlock;
import io.istgt.telemetry.schemas.serde.AvroDeserializer;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the status, alert and history topics back, as any consumer would (the project's Avro deserializer through the
 * registry, {@code read_committed} so only what the analytics committed shows), into the {@link Dashboard}.
 * It starts at the topics' end as they are when it starts: on an existing cluster, older history is not
 * the demo's.
 */
final class TopicWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicWatcher.class);
    private static final List<String> TOPICS = List.of(DemoTopics.VOLUME_STATUS, DemoTopics.REPLICA_STATUS,
            DemoTopics.ALERTS, DemoTopics.VOLUME_HISTORY, DemoTopics.REPLICA_HISTORY);

    private final KafkaConsumer<IndexedRecord, IndexedRecord> consumer;
    private final Dashboard dashboard;
    private final Thread thread;
    private volatile Throwable failure;

    private TopicWatcher(KafkaConsumer<IndexedRecord, IndexedRecord> consumer, Dashboard dashboard) {
        this.consumer = consumer;
        this.dashboard = dashboard;
        this.thread = Thread.ofPlatform().name("demo-topic-watcher").daemon().unstarted(this::loop);
    }

    static TopicWatcher start(String bootstrapServers, ClientSettings client, SchemaRegistryClient registry,
                              Dashboard dashboard) {
        Map<String, Object> props = client.forClient(ConsumerConfig.configNames());
        props.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "istgt-demo-view"));
        KafkaConsumer<IndexedRecord, IndexedRecord> consumer = new KafkaConsumer<>(props,
                new AvroDeserializer<>(registry), new AvroDeserializer<>(registry));
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, p.partition()));
                }
            }
            // Assigned, not subscribed: no group, no rebalance to wait for.
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        } catch (RuntimeException e) {
            consumer.close(Duration.ofSeconds(2));
            throw new IllegalStateException("cannot read the topics " + TOPICS + " at " + bootstrapServers + ": " + e, e);
        }
        TopicWatcher watcher = new TopicWatcher(consumer, dashboard);
        watcher.thread.start();
        return watcher;
    }

    /** Why reading stopped, if it did. */
    Throwable failure() {
        return failure;
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<IndexedRecord, IndexedRecord> record : consumer.poll(Duration.ofMillis(250))) {
                    accept(record);
                }
            }
        } catch (WakeupException stopping) {
            // close() asked the consumer to stop polling.
        } catch (RuntimeException e) {
            failure = e;
            log.error("reading the topics back failed", e);
        }
    }

    private void accept(ConsumerRecord<IndexedRecord, IndexedRecord> record) {
        switch (record.value()) {
            case VolumeStatus v -> dashboard.onVolume(v);
            case ReplicaStatus r -> dashboard.onReplica();
            case Alert a -> dashboard.onAlert(a);
            case VolumeStatusBlock b -> dashboard.onHistoryBlock(b.getRecords().size());
            case ReplicaStatusBlock b -> dashboard.onHistoryBlock(b.getRecords().size());
            case null -> { } // a tombstone: nothing to show
            default -> log.warn("unexpected record {} on {}", record.value().getSchema().getFullName(), record.topic());
        }
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
    }
}
