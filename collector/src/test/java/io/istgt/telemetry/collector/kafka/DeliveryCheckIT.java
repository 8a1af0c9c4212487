package io.istgt.telemetry.collector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.collector.spool.Checkpoint;
import io.istgt.telemetry.collector.spool.Fingerprint;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The check after an interrupted delivery, against a real broker: which records in flight are in the topics. */
class DeliveryCheckIT {

    @Test
    void shouldFindExactlyTheRecordsInFlightThatReachedTheTopicsFromTheWatermarksOn() throws Exception {
        try (KafkaTestBroker kafka = KafkaTestBroker.start()) {
            kafka.createTopic("check.volumes", 3);
            kafka.createTopic("check.replicas", 3);
            List<Checkpoint.InFlight> sent = new ArrayList<>();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                for (int i = 0; i < 40; i++) {
                    String topic = i % 2 == 0 ? "check.volumes" : "check.replicas";
                    byte[] key = ("key-" + i % 7).getBytes(StandardCharsets.UTF_8);
                    byte[] value = ("value-" + i).getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>(topic, key, value)).get();
                    sent.add(new Checkpoint.InFlight(i, 0, "/t", 1, i, Fingerprint.of(topic, key, value)));
                }
            }
            List<Checkpoint.InFlight> inFlight = new ArrayList<>(sent.subList(20, 40));
            Checkpoint.InFlight neverSent = new Checkpoint.InFlight(99, 0, "/t", 1, 99,
                    Fingerprint.of("check.volumes", new byte[] {1}, new byte[] {2}));
            inFlight.add(neverSent);

            DeliveryCheck check;
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                check = DeliveryCheck.run(consumer, List.of("check.volumes", "check.replicas"), Map.of(), inFlight,
                        Duration.ofSeconds(10), Duration.ofSeconds(30));
            }

            assertThat(check.found()).containsExactlyInAnyOrderElementsOf(sent.subList(20, 40));
            assertThat(check.endOffsets().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(40);
        }
    }
}
