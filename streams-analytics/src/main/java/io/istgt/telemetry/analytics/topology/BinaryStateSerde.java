package io.istgt.telemetry.analytics.topology;

import io.istgt.telemetry.analytics.rules.ReplicaModes;
import io.istgt.telemetry.analytics.rules.ReplicaState;
import io.istgt.telemetry.analytics.rules.VolumeCondition;
import io.istgt.telemetry.analytics.rules.VolumeState;
import io.istgt.telemetry.schemas.ReplicaMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of the rules' state records in the state stores and their changelogs: a compact binary form, because
 * every record the analytics processes reads and writes its key's state (Kafka Streams stores serialized bytes,
 * so each get and put goes through this serde), and JSON made that most of the per-record cost.
 *
 * <p>The first byte says the format. {@link #BINARY_V1} is what this code writes. A value starting with
 * {@code '{'} is the JSON that earlier versions wrote ({@link JsonStateSerde}); it is still read, so an
 * upgraded analytics resumes from the old changelog and rewrites each key in the binary form as it goes. Any
 * other first byte is a format this code does not know (written by a newer version) and is rejected rather
 * than guessed at. A new field means a new format byte, with the old one still read. Statuses and modes are
 * written as istgt spells them ({@code Degraded}), as the JSON form had them.
 */
final class BinaryStateSerde {

    static final byte BINARY_V1 = 1;
    private static final byte JSON_OBJECT = '{';

    private BinaryStateSerde() {
    }

    static Serde<VolumeState> volume() {
        return of(VolumeState.class, BinaryStateSerde::writeVolume, BinaryStateSerde::readVolume);
    }

    static Serde<ReplicaState> replica() {
        return of(ReplicaState.class, BinaryStateSerde::writeReplica, BinaryStateSerde::readReplica);
    }

    private static <T> Serde<T> of(Class<T> type, BiConsumer<T, StateBytes.Writer> write,
                                   Function<StateBytes.Reader, T> read) {
        Deserializer<T> json = JsonStateSerde.deserializer(type);
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            StateBytes.Writer w = new StateBytes.Writer();
            w.rawByte(BINARY_V1);
            write.accept(value, w);
            return w.toBytes();
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == JSON_OBJECT) {
                return json.deserialize(topic, bytes);
            }
            if (bytes.length == 0 || bytes[0] != BINARY_V1) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " state from " + topic
                        + ": unknown format byte " + (bytes.length == 0 ? "(empty value)" : bytes[0])
                        + " (written by a newer version of the analytics?)");
            }
            try {
                StateBytes.Reader r = new StateBytes.Reader(bytes, 1);
                T value = read.apply(r);
                if (!r.atEnd()) {
                    throw new IllegalArgumentException("trailing bytes after the state");
                }
                return value;
            } catch (RuntimeException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " state from " + topic, e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static void writeVolume(VolumeState s, StateBytes.Writer w) {
        w.instant(s.newestAt());
        w.string(s.status() == null ? null : s.status().label());
        w.instant(s.statusSince());
        w.string(s.target());
        Map<String, ReplicaModes.Seen> modes = s.replicas() == null ? null : s.replicas().modes();
        w.size(modes == null ? -1 : modes.size());
        if (modes != null) {
            modes.forEach((id, seen) -> {
                w.string(id);
                w.string(seen.mode().name());
                w.instant(seen.since());
            });
        }
        w.nullableLong(s.uptimeSeconds());
        w.counters(s.counters());
        w.spikes(s.spikes());
        w.episodes(s.episodes());
        w.varLong(s.lastArrivalMillis());
        w.bool(s.silent());
        w.string(s.source());
    }

    private static VolumeState readVolume(StateBytes.Reader r) {
        var newestAt = r.instant();
        String statusLabel = r.string();
        var status = statusLabel == null ? null : VolumeCondition.ofLabel(statusLabel);
        var statusSince = r.instant();
        var target = r.string();
        int n = r.size();
        ReplicaModes replicas = null;
        if (n >= 0) {
            Map<String, ReplicaModes.Seen> modes = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                modes.put(r.string(), new ReplicaModes.Seen(ReplicaMode.valueOf(r.string()), r.instant()));
            }
            replicas = new ReplicaModes(modes);
        }
        return new VolumeState(newestAt, status, statusSince, target, replicas, r.nullableLong(), r.counters(),
                r.spikes(), r.episodes(), r.varLong(), r.bool(), r.string());
    }

    private static void writeReplica(ReplicaState s, StateBytes.Writer w) {
        w.instant(s.newestAt());
        w.nullableLong(s.uptimeSeconds());
        w.counters(s.counters());
        w.spikes(s.spikes());
        w.episodes(s.episodes());
        w.instant(s.inflightSince());
        w.nullableLong(s.seq());
        w.instant(s.seqSince());
        w.nullableLong(s.completedIo());
        w.instant(s.completedIoSince());
        w.string(s.source());
    }

    private static ReplicaState readReplica(StateBytes.Reader r) {
        return new ReplicaState(r.instant(), r.nullableLong(), r.counters(), r.spikes(), r.episodes(), r.instant(),
                r.nullableLong(), r.instant(), r.nullableLong(), r.instant(), r.string());
    }
}
