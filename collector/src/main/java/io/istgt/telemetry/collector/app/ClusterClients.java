package io.istgt.telemetry.collector.app;

import io.istgt.telemetry.collector.config.RunConfig;
import io.istgt.telemetry.collector.config.RunSettings;
import io.istgt.telemetry.collector.kafka.KafkaClients;
import io.istgt.telemetry.schemas.KafkaRefusal;
import io.istgt.telemetry.schemas.KafkaSettings;
import io.istgt.telemetry.collector.kafka.KafkaRefusedException;
import io.istgt.telemetry.collector.kafka.KafkaUnavailableException;
import io.istgt.telemetry.collector.kafka.ProducerSettings;
import io.istgt.telemetry.collector.kafka.TopicConflictException;
import io.istgt.telemetry.collector.kafka.TopicSpec;
import io.istgt.telemetry.collector.kafka.TopicVerifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The collector's Kafka clients, from its settings: the spool's producer and checking consumer, and the topics. */
final class ClusterClients implements KafkaClients {

    private final RunConfig config;
    private final Map<String, Object> producerProps;
    private final Duration adminTimeout;

    ClusterClients(RunConfig config, Map<String, Object> producerProps, Duration adminTimeout) {
        this.config = config;
        this.producerProps = Map.copyOf(producerProps);
        this.adminTimeout = adminTimeout;
    }

    @Override
    public Producer<byte[], byte[]> producer() {
        return new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public Consumer<byte[], byte[]> consumer() {
        Map<String, Object> props = KafkaSettings.forClient(producerProps, ConsumerConfig.configNames());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, producerProps.get(ProducerConfig.CLIENT_ID_CONFIG) + "-check");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public String principal() {
        return KafkaRefusal.principal(producerProps);
    }

    @Override
    public void prepareTopics() throws KafkaUnavailableException, KafkaRefusedException, TopicConflictException,
            InterruptedException {
        List<TopicSpec> specs = List.of(
                new TopicSpec(config.volumeTopic(), RunSettings.VOLUME_TOPIC.key(), config.topicPartitions(),
                        config.topicReplication(), config.topicRetentionMs(), config.topicCompression()),
                new TopicSpec(config.replicaTopic(), RunSettings.REPLICA_TOPIC.key(), config.topicPartitions(),
                        config.topicReplication(), config.topicRetentionMs(), config.topicCompression()));
        Admin admin = Admin.create(ProducerSettings.admin(producerProps));
        try {
            new TopicVerifier(admin, principal(), adminTimeout, RunSettings.TOPIC_PARTITIONS.key(),
                    RunSettings.TOPIC_REPLICATION_FACTOR.key(), RunSettings.TOPIC_RETENTION.key(),
                    RunSettings.TOPIC_COMPRESSION.key()).verify(specs, config.createTopics());
        } finally {
            // Bounded: by default close waits for the admin's requests to time out.
            admin.close(Duration.ofSeconds(5));
        }
    }
}
