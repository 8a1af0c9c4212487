package io.istgt.telemetry.bench.storage;

import com.github.luben.zstd.Zstd;
import io.istgt.telemetry.bench.proc.SequenceAudit;
import io.istgt.telemetry.bench.proc.Services;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.serde.AvroDeserializer;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
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
 *
 * <p>The same bounds are then taken for the records with every number delta-encoded ({@link DeltaEncoding}):
 * the encoding of the history blocks, applied to the whole run: what storing differences instead of totals can
 * reach at best. What the history blocks do cost on the broker is measured on the real writer ({@link HistoryRun}).
 */
final class CompressionFloor {

    /** Magic byte and schema id before each Avro body (Confluent wire format). */
    private static final int WIRE_HEADER_BYTES = 5;

    /** Mean compressed bytes per snapshot, and how many snapshots of how many volumes were measured. */
    record Result(double alone, double givenPrevious, double wholeHistory, double wholeHistoryMax, double raw,
                  double deltaGivenPrevious, double deltaWholeHistoryMax, long snapshots, int volumes) {
    }

    private CompressionFloor() {
    }

    static Result measure(Services services, String volumeTopic, String replicaTopic) throws Exception {
        // iqn -> collection time -> the snapshot's records (volume record first, then its replicas)
        Map<String, TreeMap<Long, Snapshot>> snapshots = new HashMap<>();
        String bootstrap = services.bootstrapServers();
        String registryUrl = services.registryUrl();
        read(bootstrap, registryUrl, volumeTopic, VolumeKey.class, (key, r, value) -> snapshot(snapshots,
                ((VolumeKey) key).getIqn(), r).add(new Stored(key.toString(), r.key(), r.value(), value), false));
        read(bootstrap, registryUrl, replicaTopic, ReplicaKey.class, (key, r, value) -> snapshot(snapshots,
                ((ReplicaKey) key).getIqn(), r).add(new Stored(key.toString(), r.key(), r.value(), value), true));
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
        double deltaGivenPrevious = 0;
        double deltaWholeMax = 0;
        for (TreeMap<Long, Snapshot> history : snapshots.values()) {
            DeltaEncoding deltas = new DeltaEncoding();
            byte[] previous = null;
            byte[] previousDelta = null;
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteArrayOutputStream allDeltas = new ByteArrayOutputStream();
            for (Snapshot s : history.values()) {
                byte[] bytes = s.stored(null);
                raw += bytes.length;
                alone += Zstd.compress(bytes, 3).length;
                givenPrevious += previous != null
                        ? Zstd.compressUsingDict(bytes, previous, 3).length : Zstd.compress(bytes, 3).length;
                all.writeBytes(bytes);
                previous = bytes;

                byte[] delta = s.stored(deltas);
                deltaGivenPrevious += previousDelta != null
                        ? Zstd.compressUsingDict(delta, previousDelta, 3).length : Zstd.compress(delta, 3).length;
                allDeltas.writeBytes(delta);
                previousDelta = delta;
            }
            byte[] stream = all.toByteArray();
            whole += Zstd.compress(stream, 3).length;
            wholeMax += Zstd.compress(stream, 19).length;
            deltaWholeMax += Zstd.compress(allDeltas.toByteArray(), 19).length;
            count += history.size();
        }
        return new Result(alone / count, givenPrevious / count, whole / count, wholeMax / count, raw / count,
                deltaGivenPrevious / count, deltaWholeMax / count, count, snapshots.size());
    }

    /** A record as stored: its key in its text form, its key and value in the wire format, its value decoded. */
    private record Stored(String keyText, byte[] key, byte[] value, GenericRecord decoded) {
    }

    /** One poll's records of one volume. */
    private static final class Snapshot {
        final List<Stored> records = new ArrayList<>(4);
        boolean withReplicas;

        Snapshot add(Stored record, boolean replica) {
            records.add(record);
            withReplicas |= replica;
            return this;
        }

        /** Keys and values as stored, or with the values' numbers as deltas (wire headers kept) when given one. */
        byte[] stored(DeltaEncoding deltas) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Stored r : records) {
                out.writeBytes(r.key());
                if (deltas == null) {
                    out.writeBytes(r.value());
                } else {
                    out.write(r.value(), 0, WIRE_HEADER_BYTES);
                    out.writeBytes(deltas.encode(r.keyText(), r.decoded()));
                }
            }
            return out.toByteArray();
        }
    }

    private static Snapshot snapshot(Map<String, TreeMap<Long, Snapshot>> snapshots, String iqn,
                                     ConsumerRecord<byte[], byte[]> r) {
        return snapshots.computeIfAbsent(iqn, k -> new TreeMap<>()).computeIfAbsent(r.timestamp(), t -> new Snapshot());
    }

    private interface Each {
        void accept(Object decodedKey, ConsumerRecord<byte[], byte[]> raw, GenericRecord value);
    }

    /** Reads a topic to its end: raw keys and values, the key also decoded for its iqn, the value generically. */
    private static void read(String bootstrap, String registryUrl, String topic, Class<?> keyType, Each each) {
        AvroDeserializer<org.apache.avro.specific.SpecificRecord> keys = new AvroDeserializer<>();
        keys.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl,
                AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE, keyType), true);
        AvroDeserializer<GenericRecord> values = new AvroDeserializer<>();
        values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl,
                AvroSerdeConfig.SPECIFIC_AVRO_READER, false), false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-floor-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            SequenceAudit.readToEnd(consumer, topic, r -> each.accept(keys.deserialize(topic, r.key()), r,
                    values.deserialize(topic, r.value())));
        }
    }
}
