package io.istgt.telemetry.analytics.topology;

import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.serde.AvroDeserializer;
import io.istgt.telemetry.schemas.serde.AvroSerializer;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The status and alert topics of a real broker and registry, as the end-to-end tests write and read them. */
record ClusterTopics(KafkaTestBroker broker, ApicurioRegistry registry) {

    KafkaProducer<VolumeKey, VolumeStatus> volumeProducer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        AvroSerializer<VolumeKey> keys = new AvroSerializer<>();
        keys.configure(Map.of("schema.registry.url", registry.ccompatUrl()), true);
        AvroSerializer<VolumeStatus> values = new AvroSerializer<>();
        values.configure(Map.of("schema.registry.url", registry.ccompatUrl()), false);
        return new KafkaProducer<>(props, keys, values);
    }

    static ProducerRecord<VolumeKey, VolumeStatus> record(VolumeStatus v) {
        return new ProducerRecord<>("istgt.volume.status", null, v.getMetadata().getCollectedAt().toEpochMilli(),
                new VolumeKey(v.getIqn()), v);
    }

    /** A reader of istgt.alerts as a data platform consumer would be: its own group, read_committed. */
    KafkaConsumer<AlertKey, Alert> alertConsumer() {
        return consumer();
    }

    /** A reader of any Avro topic of the analytics: its own group, from the start, read_committed. */
    <K extends org.apache.avro.generic.IndexedRecord, V extends org.apache.avro.generic.IndexedRecord> KafkaConsumer<K, V> consumer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroDeserializer<K> keys = new AvroDeserializer<>();
        keys.configure(Map.of("schema.registry.url", registry.ccompatUrl()), true);
        AvroDeserializer<V> values = new AvroDeserializer<>();
        values.configure(Map.of("schema.registry.url", registry.ccompatUrl()), false);
        return new KafkaConsumer<>(props, keys, values);
    }
}
