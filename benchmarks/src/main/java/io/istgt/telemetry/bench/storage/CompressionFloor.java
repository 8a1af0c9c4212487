package io.istgt.telemetry.bench.storage;

import com.github.luben.zstd.Zstd;
import io.istgt.telemetry.bench.proc.SequenceAudit;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.serde.AvroDeserializer;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What compression could do at best with the records a storage run wrote, whatever the batching: the bound
 * that tells a batching or producer setting that could still reach the target from one that cannot.
 *
 * <p>The records are read back from the broker as they are stored (keys and values in the wire format) and put
 * together per snapshot: a volume record and the replica records of the same volume and collection time. Then,
 * with zstd (the producer's codec), each snapshot is compressed:
 * <ul>
 *   <li>alone (a sidecar's producer batch: one poll);</li>
 *   <li>with the volume's previous snapshot as a dictionary: what is new in a snapshot once the one before is
 *       known, the best any batching of the same volume's polls can approach;</li>
 *   <li>as part of the volume's whole history in one stream (level 3 and 19): unlimited batching.</li>
 * </ul>
 * Kafka's record and batch headers are left out, so real batches can only do worse.
 */
final class CompressionFloor {

    /** Mean compressed bytes per snapshot, and how many snapshots of how many volumes were measured. */
    record Result(double alone, double givenPrevious, double wholeHistory, double wholeHistoryMax, double raw,
                  long snapshots, int volumes) {
    }

    private CompressionFloor() {
    }

    static Result measure(String bootstrap, String registryUrl, String volumeTopic, String replicaTopic) {
        // iqn -> collection time -> the snapshot's bytes (volume record first, then its replicas)
        Map<String, TreeMap<Long, Snapshot>> snapshots = new HashMap<>();
        read(bootstrap, registryUrl, volumeTopic, VolumeKey.class, (key, r) -> append(snapshots,
                ((VolumeKey) key).getIqn(), r, false));
        read(bootstrap, registryUrl, replicaTopic, ReplicaKey.class, (key, r) -> append(snapshots,
                ((ReplicaKey) key).getIqn(), r, true));
        // Failed polls (a volume record alone, keyed by the target's name when the IQN is unknown) are not
        // snapshots with 3 replicas: left out.
        snapshots.values().forEach(history -> history.values().removeIf(s -> !s.withReplicas));
        snapshots.values().removeIf(TreeMap::isEmpty);

        if (snapshots.isEmpty()) {
            throw new IllegalStateException("no snapshot with replicas in " + volumeTopic + " and " + replicaTopic);
        }
        long count = 0;
        double alone = 0;
        double givenPrevious = 0;
        double whole = 0;
        double wholeMax = 0;
        double raw = 0;
        for (TreeMap<Long, Snapshot> history : snapshots.values()) {
            byte[] previous = null;
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (Snapshot s : history.values()) {
                byte[] bytes = s.bytes.toByteArray();
                raw += bytes.length;
                alone += Zstd.compress(bytes, 3).length;
                if (previous != null) {
                    givenPrevious += Zstd.compressUsingDict(bytes, previous, 3).length;
                } else {
                    givenPrevious += Zstd.compress(bytes, 3).length;
                }
                all.writeBytes(bytes);
                previous = bytes;
            }
            byte[] stream = all.toByteArray();
            whole += Zstd.compress(stream, 3).length;
            wholeMax += Zstd.compress(stream, 19).length;
            count += history.size();
        }
        return new Result(alone / count, givenPrevious / count, whole / count, wholeMax / count, raw / count, count,
                snapshots.size());
    }

    /** One poll's records of one volume, as stored. */
    private static final class Snapshot {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean withReplicas;
    }

    private static void append(Map<String, TreeMap<Long, Snapshot>> snapshots, String iqn,
                               ConsumerRecord<byte[], byte[]> r, boolean replica) {
        Snapshot s = snapshots.computeIfAbsent(iqn, k -> new TreeMap<>())
                .computeIfAbsent(r.timestamp(), t -> new Snapshot());
        s.bytes.writeBytes(r.key());
        s.bytes.writeBytes(r.value());
        s.withReplicas |= replica;
    }

    private interface Each {
        void accept(Object decodedKey, ConsumerRecord<byte[], byte[]> raw);
    }

    /** Reads a topic to its end: raw keys and values, the key also decoded for its iqn. */
    private static void read(String bootstrap, String registryUrl, String topic, Class<?> keyType, Each each) {
        AvroDeserializer<org.apache.avro.specific.SpecificRecord> keys = new AvroDeserializer<>();
        keys.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl,
                AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE, keyType), true);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-floor-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            SequenceAudit.readToEnd(consumer, topic, r -> each.accept(keys.deserialize(topic, r.key()), r));
        }
    }
}
