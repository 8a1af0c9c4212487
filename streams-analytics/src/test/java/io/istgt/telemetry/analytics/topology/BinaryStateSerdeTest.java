package io.istgt.telemetry.analytics.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.analytics.rules.AlertEpisode;
import io.istgt.telemetry.analytics.rules.ErrorCounters;
import io.istgt.telemetry.analytics.rules.ErrorFamily;
import io.istgt.telemetry.analytics.rules.ReplicaModes;
import io.istgt.telemetry.analytics.rules.ReplicaState;
import io.istgt.telemetry.analytics.rules.SpikeWindow;
import io.istgt.telemetry.analytics.rules.VolumeCondition;
import io.istgt.telemetry.analytics.rules.VolumeState;
import io.istgt.telemetry.schemas.ReplicaMode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class BinaryStateSerdeTest {

    private static final Instant T0 = Instant.parse("2026-11-25T02:10:00.123456789Z");

    private static final Map<ErrorFamily, SpikeWindow> SPIKES = Map.of(
            ErrorFamily.SNAPSHOT_FAILURES, new SpikeWindow(List.of(new SpikeWindow.TimedDelta(T0, 3),
                    new SpikeWindow.TimedDelta(T0.plusSeconds(10), Long.MAX_VALUE)), 2.5, T0.minusSeconds(60)),
            ErrorFamily.LOGIN_FAILURES, SpikeWindow.EMPTY);

    private static final Map<String, AlertEpisode> EPISODES = Map.of(
            "VOLUME_DEGRADED", new AlertEpisode(T0, null, "volume iqn.x is Degraded: 1 healthy, ünïcode"),
            "REPLICA_DISCONNECTED/6162", new AlertEpisode(T0.minusSeconds(5), T0, null));

    /**
     * The volume state that the JSON and format 1 resources hold, as read now: its newest record answered (its
     * status is not Unreachable), so no failed polls, and the counters are of that record.
     */
    private static final VolumeState VOLUME_V1 = new VolumeState(
            new VolumeState.Seen(T0, T0, VolumeCondition.DEGRADED, T0.minusSeconds(30), "target-1",
                    new ReplicaModes(Map.of("6161", new ReplicaModes.Seen(ReplicaMode.Healthy, T0), "6162",
                            new ReplicaModes.Seen(ReplicaMode.Degraded, T0.minusSeconds(1))))),
            new ErrorCounters(-7L, Map.of(ErrorFamily.SNAPSHOT_FAILURES, 0L, ErrorFamily.LOGIN_FAILURES,
                    Long.MIN_VALUE), SPIKES, "collector-a"),
            new VolumeState.Alerting(EPISODES, true, 1_764_036_600_000L), null);

    /** Every field set, those of format 2 included: two failed polls since the last answered one. */
    private static final VolumeState VOLUME = new VolumeState(
            new VolumeState.Seen(T0, T0.minusSeconds(20), VolumeCondition.DEGRADED, T0.minusSeconds(30), "target-1",
                    VOLUME_V1.seen().replicas()),
            VOLUME_V1.errors(), VOLUME_V1.alerting(), new VolumeState.FailedPolls(2, T0.minusSeconds(10)));

    private static final ReplicaState REPLICA = new ReplicaState(T0,
            new ErrorCounters(42L, Map.of(ErrorFamily.CONNECTION_ERRORS, 12L), SPIKES, null), EPISODES,
            new ReplicaState.IoWatch(T0.minusSeconds(20), new ReplicaState.Unmoved(99L, T0.minusSeconds(10)),
                    new ReplicaState.Unmoved(123_456_789L, T0)));

    @Test
    void shouldReadBackEveryFieldOfAVolumeState() {
        assertThat(roundTrip(BinaryStateSerde.volume(), VOLUME)).isEqualTo(VOLUME);
        assertThat(roundTrip(BinaryStateSerde.volume(), VolumeState.NEW)).isEqualTo(VolumeState.NEW);
    }

    @Test
    void shouldReadBackEveryFieldOfAReplicaState() {
        assertThat(roundTrip(BinaryStateSerde.replica(), REPLICA)).isEqualTo(REPLICA);
        assertThat(roundTrip(BinaryStateSerde.replica(), ReplicaState.NEW)).isEqualTo(ReplicaState.NEW);
    }

    @Test
    void shouldWriteTheFormatByteFirstAndBeSmallerThanJson() throws IOException {
        byte[] binary = BinaryStateSerde.volume().serializer().serialize("t", VOLUME);
        byte[] json = writtenBefore("/json-state/volume-state.json");
        assertThat(binary[0]).isEqualTo(BinaryStateSerde.VOLUME_V2);
        assertThat(binary.length).isLessThan(json.length / 2);
        assertThat(BinaryStateSerde.replica().serializer().serialize("t", REPLICA)[0])
                .isEqualTo(BinaryStateSerde.BINARY_V1);
    }

    @Test
    void shouldStillReadStateWrittenAsJsonByEarlierVersions() throws IOException {
        byte[] volume = writtenBefore("/json-state/volume-state.json");
        byte[] replica = writtenBefore("/json-state/replica-state.json");
        assertThat(BinaryStateSerde.volume().deserializer().deserialize("t", volume)).isEqualTo(VOLUME_V1);
        assertThat(BinaryStateSerde.replica().deserializer().deserialize("t", replica)).isEqualTo(REPLICA);
    }

    @Test
    void shouldStillReadStateWrittenInFormat1() throws IOException {
        byte[] volume = writtenBefore("/binary-state-v1/volume-state.bin");
        byte[] replica = writtenBefore("/binary-state-v1/replica-state.bin");
        assertThat(volume[0]).isEqualTo(BinaryStateSerde.BINARY_V1);
        assertThat(BinaryStateSerde.volume().deserializer().deserialize("t", volume)).isEqualTo(VOLUME_V1);
        assertThat(BinaryStateSerde.replica().deserializer().deserialize("t", replica)).isEqualTo(REPLICA);
    }

    @Test
    void shouldReadAnUnreachableVolumeOfFormat1AsARunOfOneFailedPollSinceItBecameUnreachable() {
        VolumeState before = new VolumeState(
                new VolumeState.Seen(T0, null, VolumeCondition.UNREACHABLE, T0.minusSeconds(30), "target-1",
                        ReplicaModes.NONE),
                new ErrorCounters(7L, Map.of(), Map.of(), "collector-a"), new VolumeState.Alerting(Map.of(), false, 1L),
                null);
        VolumeState now = BinaryStateSerde.upgradeVolume(before);
        assertThat(now.failedPolls()).isEqualTo(new VolumeState.FailedPolls(1, T0.minusSeconds(30)));
        assertThat(now.seen().answeredAt()).as("unknown: the newest record failed").isNull();
        assertThat(now.countersAt()).isEqualTo(T0);
    }

    @Test
    void shouldRejectAnUnknownFormatRatherThanGuess() {
        byte[] bytes = BinaryStateSerde.volume().serializer().serialize("t", VOLUME);
        bytes[0] = 3;
        assertThatThrownBy(() -> BinaryStateSerde.volume().deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown format byte 3");
        byte[] replica = BinaryStateSerde.replica().serializer().serialize("t", REPLICA);
        replica[0] = 2;
        assertThatThrownBy(() -> BinaryStateSerde.replica().deserializer().deserialize("t", replica))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown format byte 2");
    }

    @Test
    void shouldRejectTruncatedOrTrailingBytes() {
        byte[] bytes = BinaryStateSerde.replica().serializer().serialize("t", REPLICA);
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 1);
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> BinaryStateSerde.replica().deserializer().deserialize("t", truncated))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> BinaryStateSerde.replica().deserializer().deserialize("t", trailing))
                .isInstanceOf(SerializationException.class);
    }

    /**
     * VOLUME_V1 and REPLICA as earlier versions wrote them, byte for byte: as JSON, by the versions before the
     * binary form ({@code json-state/}), and in binary format 1, by the version before format 2
     * ({@code binary-state-v1/}).
     */
    private static byte[] writtenBefore(String resource) throws IOException {
        try (InputStream in = BinaryStateSerdeTest.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }
}
