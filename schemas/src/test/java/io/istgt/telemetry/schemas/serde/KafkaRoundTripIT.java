package io.istgt.telemetry.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.schemas.Samples;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.testsupport.AcceptedSends;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Keyed Avro records through a real broker and a real registry, configured only by properties. */
class KafkaRoundTripIT {

    private static final String TOPIC = "istgt.volume-status";

    @Test
    void shouldProduceAndConsumeKeyedVolumeStatusRecords() throws Exception {
        String registryUrl = ApicurioRegistry.shared().ccompatUrl();
        try (KafkaTestBroker kafka = KafkaTestBroker.start()) {
            kafka.createTopic(TOPIC, 1);
            try (KafkaProducer<VolumeKey, VolumeStatus> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, AvroSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class,
                    AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl))) {
                AcceptedSends sends = new AcceptedSends("the two sample volumes");
                sends.send(producer, new ProducerRecord<>(TOPIC, Samples.volumeKey(), Samples.healthyDeepVolume()));
                sends.send(producer, new ProducerRecord<>(TOPIC, Samples.volumeKey(), Samples.unreachableVolume()));
                sends.awaitAccepted();
            }

            List<ConsumerRecord<VolumeKey, VolumeStatus>> seen = new ArrayList<>();
            try (KafkaConsumer<VolumeKey, VolumeStatus> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "round-trip",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class,
                    AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl,
                    AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE, VolumeKey.class,
                    AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, VolumeStatus.class))) {
                consumer.subscribe(List.of(TOPIC));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (seen.size() < 2 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                }
            }

            assertThat(seen).extracting(ConsumerRecord::key).containsOnly(Samples.volumeKey());
            assertThat(seen).extracting(ConsumerRecord::value)
                    .containsExactly(Samples.healthyDeepVolume(), Samples.unreachableVolume());
        }
    }
}
