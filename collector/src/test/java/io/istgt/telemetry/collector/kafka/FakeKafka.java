package io.istgt.telemetry.collector.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka for the sink's specs: one partition per topic whose contents the spec controls. Sends go to a
 * {@link MockProducer} that acknowledges at once (then the record is in the topic) or, in manual mode, waits for
 * the spec to complete or fail it; {@link #down} makes Kafka unreachable.
 */
final class FakeKafka implements KafkaClients {

    final List<ProducerRecord<byte[], byte[]>> topic = new CopyOnWriteArrayList<>();
    final List<MockProducer<byte[], byte[]>> producers = new CopyOnWriteArrayList<>();
    private final List<String> topics;
    volatile boolean down;
    volatile boolean manual;

    FakeKafka(List<String> topics) {
        this.topics = topics;
    }

    @Override
    public Producer<byte[], byte[]> producer() {
        if (down) {
            throw new org.apache.kafka.common.KafkaException("down");
        }
        MockProducer<byte[], byte[]> p = new MockProducer<>(!manual, null, new ByteArraySerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(
                    ProducerRecord<byte[], byte[]> record, org.apache.kafka.clients.producer.Callback callback) {
                if (!manual) {
                    topic.add(record);
                }
                return super.send(record, callback);
            }
        };
        producers.add(p);
        return p;
    }

    @Override
    public Consumer<byte[], byte[]> consumer() {
        MockConsumer<byte[], byte[]> c = new MockConsumer<>("earliest") {
            @Override
            public synchronized List<PartitionInfo> partitionsFor(String t, java.time.Duration timeout) {
                if (down) {
                    throw new TimeoutException("Timeout expired while fetching topic metadata");
                }
                return super.partitionsFor(t, timeout);
            }
        };
        Map<TopicPartition, Long> begin = new HashMap<>();
        Map<TopicPartition, Long> end = new HashMap<>();
        for (String t : topics) {
            TopicPartition tp = new TopicPartition(t, 0);
            c.updatePartitions(t, List.of(new PartitionInfo(t, 0, null, null, null)));
            begin.put(tp, 0L);
            end.put(tp, topic.stream().filter(r -> r.topic().equals(t)).count());
        }
        c.updateBeginningOffsets(begin);
        c.updateEndOffsets(end);
        c.schedulePollTask(() -> {
            Map<String, Long> offsets = new HashMap<>();
            for (ProducerRecord<byte[], byte[]> r : new ArrayList<>(topic)) {
                long offset = offsets.merge(r.topic(), 1L, Long::sum) - 1;
                TopicPartition tp = new TopicPartition(r.topic(), 0);
                if (c.assignment().contains(tp) && offset >= c.position(tp)) {
                    c.addRecord(new ConsumerRecord<>(r.topic(), 0, offset, r.key(), r.value()));
                }
            }
        });
        return c;
    }

    @Override
    public String principal() {
        return "the fake Kafka's client";
    }

    @Override
    public void prepareTopics() throws KafkaUnavailableException {
        if (down) {
            throw new KafkaUnavailableException("no answer within 5 s");
        }
    }

    /** The values of one topic in order. */
    List<byte[]> values(String t) {
        return topic.stream().filter(r -> r.topic().equals(t)).map(ProducerRecord::value).toList();
    }
}
