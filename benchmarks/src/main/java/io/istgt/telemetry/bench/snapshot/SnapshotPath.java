package io.istgt.telemetry.bench.snapshot;

import io.istgt.telemetry.client.CapturedPoll;
import io.istgt.telemetry.client.IstgtControlException;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.collector.publish.CollectorIdentity;
import io.istgt.telemetry.collector.publish.OutboundRecord;
import io.istgt.telemetry.collector.publish.PollRecords;
import io.istgt.telemetry.collector.publish.RecordStream;
import io.istgt.telemetry.collector.publish.TargetRecorder;
import io.istgt.telemetry.protocol.ControlCommand;
import io.istgt.telemetry.schemas.IstgtTopic;
import io.istgt.telemetry.schemas.serde.AvroSerializer;
import io.istgt.telemetry.schemas.serde.InMemorySchemaRegistryClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The collector's per-snapshot path, from reply bytes to the encoded records: framing into payloads, the
 * client's parsers and merge ({@link CapturedPoll}), {@link TargetRecorder} (the Avro mapping) and the project's
 * {@link AvroSerializer} (Confluent wire format) against an in-memory registry, keys and values.
 *
 * <p>One instance per thread: the recorder counts sequences.
 */
public final class SnapshotPath {

    private static final String SOCKET = "/var/run/istgt_ctl_sock";
    private static final Instant COLLECTED_AT = Instant.parse("2026-11-25T20:40:00.123Z");
    private static final Duration TOOK = Duration.ofMillis(3);
    /** The commands of {@link PollReplies#deepPoll()}, in its order. */
    private static final List<ControlCommand> DEEP_POLL = List.of(ControlCommand.ISTGTSTATUS, ControlCommand.IOSTATS,
            ControlCommand.REPLICA, ControlCommand.STATUS, ControlCommand.STATS, ControlCommand.INFO,
            ControlCommand.MEMPOOL, ControlCommand.MAXIOWAIT);

    private final TargetRecorder recorder;
    private final AvroSerializer<SpecificRecord> keys;
    private final AvroSerializer<SpecificRecord> values;

    public SnapshotPath() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        keys = new AvroSerializer<>(registry);
        keys.configure(Map.of("schema.registry.url", "mock://unused"), true);
        values = new AvroSerializer<>(registry);
        values.configure(Map.of("schema.registry.url", "mock://unused"), false);
        recorder = new TargetRecorder(SOCKET, new CollectorIdentity("bench", COLLECTED_AT.minusSeconds(60)));
    }

    /** ISTGTSTATUS and IOSTATS only (what a volume record needs): the other commands' values stay null. */
    public int istgtStatusAndIostats(byte[] istgtStatus, byte[] iostats) throws IstgtControlException {
        return encode(istgtStatusAndIostatsSnapshot(istgtStatus, iostats), null);
    }

    /**
     * What {@link #istgtStatusAndIostats} encodes, each key and value as the serializer returned it, in the order
     * encoded (volumes, then replicas; key before value): for tests that pin the bytes.
     */
    public List<byte[]> istgtStatusAndIostatsRecords(byte[] istgtStatus, byte[] iostats)
            throws IstgtControlException {
        List<byte[]> encoded = new ArrayList<>();
        encode(istgtStatusAndIostatsSnapshot(istgtStatus, iostats), encoded);
        return encoded;
    }

    /** Every reply of a deep poll (see {@link PollReplies#deepPoll()}), in its order. */
    public int deepPoll(byte[][] r) throws IstgtControlException {
        return deepPoll(r, null);
    }

    /** What {@link #deepPoll(byte[][])} encodes, as {@link #istgtStatusAndIostatsRecords} lists it. */
    public List<byte[]> deepPollRecords(byte[][] r) throws IstgtControlException {
        List<byte[]> encoded = new ArrayList<>();
        deepPoll(r, encoded);
        return encoded;
    }

    private int deepPoll(byte[][] r, List<byte[]> encoded) throws IstgtControlException {
        Map<ControlCommand, List<String>> replies = new EnumMap<>(ControlCommand.class);
        for (int i = 0; i < DEEP_POLL.size(); i++) {
            replies.put(DEEP_POLL.get(i), PollReplies.payloads(r[i], DEEP_POLL.get(i).word()));
        }
        return encode(snapshot(replies), encoded);
    }

    private static IstgtSnapshot istgtStatusAndIostatsSnapshot(byte[] istgtStatus, byte[] iostats)
            throws IstgtControlException {
        return snapshot(Map.of(
                ControlCommand.ISTGTSTATUS, PollReplies.payloads(istgtStatus, "ISTGTSTATUS"),
                ControlCommand.IOSTATS, PollReplies.payloads(iostats, "IOSTATS")));
    }

    private static IstgtSnapshot snapshot(Map<ControlCommand, List<String>> replies) throws IstgtControlException {
        return new CapturedPoll(SOCKET, COLLECTED_AT, PollReplies.ISTGT_VERSION, replies).snapshot();
    }

    /**
     * Maps and encodes every record of the snapshot; returns the encoded bytes in all (keys and values), and adds
     * each encoded key and value to {@code encoded} unless it is null.
     */
    private int encode(IstgtSnapshot snapshot, List<byte[]> encoded) {
        PollRecords records = recorder.success(snapshot, TOOK);
        int bytes = 0;
        for (OutboundRecord r : records.volumes()) {
            bytes += encode(r, encoded);
        }
        for (OutboundRecord r : records.replicas()) {
            bytes += encode(r, encoded);
        }
        if (records.volumes().getFirst().value().getFailure() != null) {
            throw new IllegalStateException("the snapshot did not map: " + records.volumes().getFirst().value()
                    .getFailure());
        }
        return bytes;
    }

    private int encode(OutboundRecord r, List<byte[]> encoded) {
        String topic = (r.stream() == RecordStream.VOLUME ? IstgtTopic.VOLUME_STATUS : IstgtTopic.REPLICA_STATUS)
                .defaultName();
        byte[] key = keys.serialize(topic, r.key());
        byte[] value = values.serialize(topic, r.value());
        if (encoded != null) {
            encoded.add(key);
            encoded.add(value);
        }
        return key.length + value.length;
    }
}
