package io.istgt.telemetry.bench.proc;

import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.serde.AvroDeserializer;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads both status topics to their end with the project's deserializer and checks that every poll is there:
 * per target, every {@code metadata.sequence} from the first to the last with a volume record, each with its
 * replicas' records.
 *
 * @param targets        targets that published
 * @param volumeRecords  records on the volume topic
 * @param replicaRecords records on the replica topic
 * @param missing        sequences absent between a target's first and last (summed over targets)
 * @param failures       volume records of failed polls
 * @param shortReplicas  polls with fewer replica records than their volume record lists (connected + offline)
 */
public record SequenceAudit(int targets, long volumeRecords, long replicaRecords, long missing, long failures,
                            long shortReplicas, long minPolls, long maxPolls) {

    public static SequenceAudit read(String bootstrap, String registryUrl, String volumeTopic, String replicaTopic) {
        Map<String, TreeSet<Long>> sequences = new HashMap<>();
        Map<String, Integer> replicasPerPoll = new HashMap<>();
        Map<String, Integer> replicasListed = new HashMap<>();
        long[] counts = new long[3];
        try (KafkaConsumer<VolumeKey, VolumeStatus> volumes = consumer(bootstrap, registryUrl, VolumeKey.class,
                VolumeStatus.class)) {
            readToEnd(volumes, volumeTopic, r -> {
                counts[0]++;
                VolumeStatus v = r.value();
                sequences.computeIfAbsent(v.getMetadata().getTarget(), t -> new TreeSet<>())
                        .add(v.getMetadata().getSequence());
                if (v.getFailure() != null) {
                    counts[2]++;
                } else {
                    replicasListed.put(v.getMetadata().getTarget() + "#" + v.getMetadata().getSequence(),
                            v.getReplicaCounts().getConnectedReplicaIds().size()
                                    + v.getReplicaCounts().getOfflineReplicaIds().size());
                }
            });
        }
        try (KafkaConsumer<ReplicaKey, ReplicaStatus> replicas = consumer(bootstrap, registryUrl, ReplicaKey.class,
                ReplicaStatus.class)) {
            readToEnd(replicas, replicaTopic, r -> {
                counts[1]++;
                replicasPerPoll.merge(r.value().getMetadata().getTarget() + "#" + r.value().getMetadata().getSequence(),
                        1, Integer::sum);
            });
        }
        long missing = 0;
        long shortReplicas = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (Map.Entry<String, TreeSet<Long>> e : sequences.entrySet()) {
            TreeSet<Long> s = e.getValue();
            missing += (s.last() - s.first() + 1) - s.size();
            min = Math.min(min, s.size());
            max = Math.max(max, s.size());
            for (long seq : s) {
                String poll = e.getKey() + "#" + seq;
                if (replicasPerPoll.getOrDefault(poll, 0) < replicasListed.getOrDefault(poll, 0)) {
                    shortReplicas++;
                }
            }
        }
        return new SequenceAudit(sequences.size(), counts[0], counts[1], missing, counts[2], shortReplicas,
                sequences.isEmpty() ? 0 : min, max);
    }

    private static <K, V> KafkaConsumer<K, V> consumer(String bootstrap, String registryUrl, Class<?> key,
                                                        Class<?> value) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-audit-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class,
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl,
                AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE, key,
                AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, value));
    }

    /** Reads {@code topic} from its start to the end offsets it had when reading began. */
    public static <K, V> void readToEnd(KafkaConsumer<K, V> consumer, String topic,
                                 java.util.function.Consumer<ConsumerRecord<K, V>> each) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            consumer.poll(Duration.ofMillis(500)).forEach(each);
        }
    }
}
