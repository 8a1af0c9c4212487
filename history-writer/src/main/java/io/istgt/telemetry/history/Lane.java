package io.istgt.telemetry.history;

import io.istgt.telemetry.schemas.serde.AvroSerde;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;

/** One history's serdes and open blocks, on the history writer's thread. */
final class Lane<K extends SpecificRecord, V extends SpecificRecord, B extends SpecificRecord> {

    final HistoryKind<K, V, B> kind;
    final BlockBuffer<K, V> blocks;
    final AvroSerde<K> keys;
    final AvroSerde<V> values;
    final AvroSerde<B> blockSerde;

    Lane(HistoryKind<K, V, B> kind, BlockLimits limits, SchemaRegistryClient registry,
         Map<String, Object> settings) {
        this.kind = kind;
        this.blocks = new BlockBuffer<>(limits);
        this.keys = serde(kind.keyType(), registry, settings, true);
        this.values = serde(kind.valueType(), registry, settings, false);
        this.blockSerde = serde(kind.blockType(), registry, settings, false);
    }

    List<BlockBuffer.Block<K, V>> add(ConsumerRecord<byte[], byte[]> record, long nowNanos) {
        if (record.key() == null || record.value() == null) {
            throw new SerializationException("a status record needs a key and a value");
        }
        K key = keys.deserializer().deserialize(record.topic(), record.key());
        V value = values.deserializer().deserialize(record.topic(), record.value());
        return blocks.add(key, value, kind.collectedAt().apply(value),
                new TopicPartition(record.topic(), record.partition()), record.offset(), nowNanos);
    }

    @SuppressWarnings("unchecked")
    ProducerRecord<byte[], byte[]> record(BlockBuffer.Block<?, ?> block) {
        B value = kind.block().apply((List<V>) block.records());
        String topic = kind.historyTopic();
        return new ProducerRecord<>(topic, null, kind.lastCollectedAt().apply(value).toEpochMilli(),
                keys.serializer().serialize(topic, (K) block.key()), blockSerde.serializer().serialize(topic, value));
    }

    private static <T extends SpecificRecord> AvroSerde<T> serde(Class<T> type, SchemaRegistryClient registry,
                                                                 Map<String, Object> settings, boolean isKey) {
        AvroSerde<T> serde = AvroSerde.specific(type, registry);
        serde.configure(settings, isKey);
        return serde;
    }
}
