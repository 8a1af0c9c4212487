package io.istgt.telemetry.history;

import io.istgt.telemetry.schemas.KafkaSettings;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The history writer's consumer and producer settings: the caller's client keys, then the writer's own. */
final class WriterClients {

    private WriterClients() {
    }

    static Map<String, Object> consumer(String groupId, Map<String, Object> settings) {
        Map<String, Object> c = clientKeys(settings, ConsumerConfig.configNames());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The collector creates the live topics with its partitions and retention; a subscription must not create
        // them first with a broker's defaults (it waits for them instead).
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "istgt-history-writer");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return c;
    }

    static Map<String, Object> producer(Map<String, Object> settings) {
        Map<String, Object> p = clientKeys(settings, ProducerConfig.configNames());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Blocks of many keys close together; one batch of them compresses better, and nobody waits for history.
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 500);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        // A block of the largest size allowed, uncompressed, as the producer checks it before compressing.
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "istgt-history-writer");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }

    /** The caller's settings a client of this kind knows (bootstrap.servers, security.protocol, ssl.*, ...). */
    private static Map<String, Object> clientKeys(Map<String, Object> settings, Set<String> names) {
        return KafkaSettings.forClient(settings, names);
    }
}
