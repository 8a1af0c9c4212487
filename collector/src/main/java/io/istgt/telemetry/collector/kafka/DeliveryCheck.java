package io.istgt.telemetry.collector.kafka;

import io.istgt.telemetry.collector.spool.Checkpoint;
import io.istgt.telemetry.collector.spool.Fingerprint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * After a delivery was interrupted (a send failed, the collector was killed), finds which of the records then
 * in flight reached Kafka: reads every partition of the topics from the watermark kept for it (an offset below
 * every record sent since) to its current end, comparing each record's {@link Fingerprint} with those in flight.
 * The producer that sent them is closed by then, so no more of them can arrive.
 *
 * @param endOffsets each partition's end when the check ran: the watermarks of the next delivery
 * @param found      the records in flight that are in Kafka
 */
record DeliveryCheck(Map<TopicPartition, Long> endOffsets, Set<Checkpoint.InFlight> found) {

    static DeliveryCheck run(Consumer<byte[], byte[]> consumer, Collection<String> topics,
                             Map<TopicPartition, Long> watermarks, List<Checkpoint.InFlight> inFlight,
                             Duration probeTimeout, Duration timeout) throws DeliveryException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, probeTimeout);
                if (infos == null || infos.isEmpty()) {
                    throw new DeliveryException("Kafka knows no topic " + topic);
                }
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, probeTimeout);
            Set<Checkpoint.InFlight> found = new HashSet<>();
            if (inFlight.isEmpty()) {
                return new DeliveryCheck(Map.copyOf(end), found);
            }
            Map<String, Checkpoint.InFlight> wanted = new HashMap<>();
            inFlight.forEach(f -> wanted.put(f.fingerprint(), f));
            List<TopicPartition> toRead = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                long from = watermarks.getOrDefault(tp, 0L);
                if (from < end.get(tp)) {
                    toRead.add(tp);
                }
            }
            consumer.assign(toRead);
            for (TopicPartition tp : toRead) {
                consumer.seek(tp, watermarks.getOrDefault(tp, 0L));
            }
            while (!wanted.isEmpty() && toRead.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new DeliveryException("checking which of " + inFlight.size() + " records in flight reached"
                            + " Kafka took longer than " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.get(tp) || r.key() == null || r.value() == null) {
                        continue;
                    }
                    Checkpoint.InFlight f = wanted.remove(Fingerprint.of(r.topic(), r.key(), r.value()));
                    if (f != null) {
                        found.add(f);
                    }
                }
            }
            return new DeliveryCheck(Map.copyOf(end), found);
        } catch (KafkaException e) {
            throw new DeliveryException("Kafka did not answer the check of what reached it: " + e.getMessage(), e);
        }
    }
}
