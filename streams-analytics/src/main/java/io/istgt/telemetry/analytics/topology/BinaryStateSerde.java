package io.istgt.telemetry.analytics.topology;

import io.istgt.telemetry.analytics.rules.ErrorCounters;
import io.istgt.telemetry.analytics.rules.ReplicaModes;
import io.istgt.telemetry.analytics.rules.ReplicaState;
import io.istgt.telemetry.analytics.rules.VolumeCondition;
import io.istgt.telemetry.analytics.rules.VolumeState;
import io.istgt.telemetry.schemas.ReplicaMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
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
 * <p>The first byte says the format, numbered per state record. A volume's state is written in
 * {@link #VOLUME_V2} (format 1 and the run of failed polls and the last answered time); a replica's in
 * {@link #BINARY_V1}. Every format written before is still read: {@link #BINARY_V1} for both, and a value
 * starting with {@code '{'}, the JSON that the versions before the binary form wrote ({@link JsonStateSerde}), so
 * an upgraded analytics resumes from the old changelog and rewrites each key in the current form as it goes. Any
 * other first byte is a format this code does not know (written by a newer version) and is rejected rather than
 * guessed at. A new field means a new format byte, with the old ones still read. Statuses and modes are written
 * as istgt spells them ({@code Degraded}), as the JSON form had them.
 */
final class BinaryStateSerde {

    static final byte BINARY_V1 = 1;
    /** A volume's state: {@link #BINARY_V1}, then the run of failed polls and the last answered poll's time. */
    static final byte VOLUME_V2 = 2;
    private static final byte JSON_OBJECT = '{';

    private BinaryStateSerde() {
    }

    static Serde<VolumeState> volume() {
        return of(VolumeState.class, VOLUME_V2, BinaryStateSerde::writeVolume, BinaryStateSerde::readVolume,
                JsonStateSerde.volume(), BinaryStateSerde::upgradeVolume);
    }

    static Serde<ReplicaState> replica() {
        return of(ReplicaState.class, BINARY_V1, (s, w) -> writeReplica(s, w), (r, format) -> readReplica(r),
                JsonStateSerde.replica(), state -> state);
    }

    /** How a state is read in a given format (its first byte). */
    private interface Read<T> {
        T read(StateBytes.Reader r, byte format);
    }

    /**
     * @param current the format written
     * @param json    reads the JSON that versions before the binary form wrote
     * @param upgrade what a state read from JSON means in the current terms (the fields added since are absent)
     */
    private static <T> Serde<T> of(Class<T> type, byte current, BiConsumer<T, StateBytes.Writer> write, Read<T> read,
                                   Deserializer<T> json, UnaryOperator<T> upgrade) {
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            StateBytes.Writer w = new StateBytes.Writer();
            w.rawByte(current);
            write.accept(value, w);
            return w.toBytes();
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == JSON_OBJECT) {
                return upgrade.apply(json.deserialize(topic, bytes));
            }
            if (bytes.length == 0 || bytes[0] < BINARY_V1 || bytes[0] > current) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " state from " + topic
                        + ": unknown format byte " + (bytes.length == 0 ? "(empty value)" : bytes[0])
                        + " (written by a newer version of the analytics?)");
            }
            try {
                StateBytes.Reader r = new StateBytes.Reader(bytes, 1);
                T value = read.read(r, bytes[0]);
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
        // The order of format 1 and 2, which predates the state's parts: it interleaves them.
        VolumeState.Seen seen = s.seen();
        ErrorCounters errors = s.errors();
        VolumeState.Alerting alerting = s.alerting();
        w.instant(seen.newestAt());
        w.string(seen.status() == null ? null : seen.status().label());
        w.instant(seen.statusSince());
        w.string(seen.target());
        Map<String, ReplicaModes.Seen> modes = seen.replicas() == null ? null : seen.replicas().modes();
        w.size(modes == null ? -1 : modes.size());
        if (modes != null) {
            modes.forEach((id, replica) -> {
                w.string(id);
                w.string(replica.mode().name());
                w.instant(replica.since());
            });
        }
        w.nullableLong(errors.uptimeSeconds());
        w.counters(errors.values());
        w.spikes(errors.spikes());
        w.episodes(alerting.episodes());
        w.varLong(alerting.lastArrivalMillis());
        w.bool(alerting.silent());
        w.string(errors.source());
        // VOLUME_V2
        VolumeState.FailedPolls failed = s.failedPolls();
        w.size(failed == null ? -1 : failed.count());
        if (failed != null) {
            w.instant(failed.since());
        }
        w.instant(seen.answeredAt());
    }

    private static VolumeState readVolume(StateBytes.Reader r, byte format) {
        Instant newestAt = r.instant();
        String statusLabel = r.string();
        VolumeCondition status = statusLabel == null ? null : VolumeCondition.ofLabel(statusLabel);
        Instant statusSince = r.instant();
        String target = r.string();
        ReplicaModes replicas = readReplicas(r);
        Long uptimeSeconds = r.nullableLong();
        var counters = r.counters();
        var spikes = r.spikes();
        var episodes = r.episodes();
        long lastArrivalMillis = r.varLong();
        boolean silent = r.bool();
        String source = r.string();
        ErrorCounters errors = new ErrorCounters(uptimeSeconds, counters, spikes, source);
        VolumeState.Alerting alerting = new VolumeState.Alerting(episodes, silent, lastArrivalMillis);
        if (format == BINARY_V1) {
            return upgradeVolume(new VolumeState(
                    new VolumeState.Seen(newestAt, null, status, statusSince, target, replicas), errors, alerting,
                    null));
        }
        int failed = r.size();
        VolumeState.FailedPolls failedPolls = failed < 0 ? null : new VolumeState.FailedPolls(failed, r.instant());
        Instant answeredAt = r.instant();
        return new VolumeState(new VolumeState.Seen(newestAt, answeredAt, status, statusSince, target, replicas),
                errors, alerting, failedPolls);
    }

    /** Null when the state had none (written as size -1). */
    private static ReplicaModes readReplicas(StateBytes.Reader r) {
        int n = r.size();
        if (n < 0) {
            return null;
        }
        Map<String, ReplicaModes.Seen> modes = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            modes.put(r.string(), new ReplicaModes.Seen(ReplicaMode.valueOf(r.string()), r.instant()));
        }
        return new ReplicaModes(modes);
    }

    /**
     * A volume's state written before the run of failed polls was kept (format 1, JSON), in the current terms.
     * Then one failed poll made a volume Unreachable, and its newest record was a failed one: it counts as a
     * run of one since it became Unreachable (it stays so until a poll answers), and when its counters were read
     * is not known (the newest record's time stands for it, as it did). Otherwise its newest record answered.
     */
    static VolumeState upgradeVolume(VolumeState s) {
        VolumeState.Seen seen = s.seen();
        boolean unreachable = seen.status() == VolumeCondition.UNREACHABLE;
        Instant since = seen.statusSince() != null ? seen.statusSince() : seen.newestAt();
        VolumeState.FailedPolls failedPolls = unreachable && since != null ? new VolumeState.FailedPolls(1, since)
                : null;
        VolumeState.Seen upgraded = new VolumeState.Seen(seen.newestAt(), unreachable ? null : seen.newestAt(),
                seen.status(), seen.statusSince(), seen.target(), seen.replicas());
        return new VolumeState(upgraded, s.errors(), s.alerting(), failedPolls);
    }

    private static void writeReplica(ReplicaState s, StateBytes.Writer w) {
        // The order of format 1, which predates the state's parts: it interleaves them.
        ErrorCounters errors = s.errors();
        ReplicaState.IoWatch io = s.io();
        w.instant(s.newestAt());
        w.nullableLong(errors.uptimeSeconds());
        w.counters(errors.values());
        w.spikes(errors.spikes());
        w.episodes(s.episodes());
        w.instant(io.inflightSince());
        w.nullableLong(io.seq().value());
        w.instant(io.seq().since());
        w.nullableLong(io.completedIo().value());
        w.instant(io.completedIo().since());
        w.string(errors.source());
    }

    private static ReplicaState readReplica(StateBytes.Reader r) {
        Instant newestAt = r.instant();
        Long uptimeSeconds = r.nullableLong();
        var counters = r.counters();
        var spikes = r.spikes();
        var episodes = r.episodes();
        Instant inflightSince = r.instant();
        var seq = new ReplicaState.Unmoved(r.nullableLong(), r.instant());
        var completedIo = new ReplicaState.Unmoved(r.nullableLong(), r.instant());
        String source = r.string();
        return new ReplicaState(newestAt, new ErrorCounters(uptimeSeconds, counters, spikes, source), episodes,
                new ReplicaState.IoWatch(inflightSince, seq, completedIo));
    }
}
