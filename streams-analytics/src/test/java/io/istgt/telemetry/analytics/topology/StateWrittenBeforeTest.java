package io.istgt.telemetry.analytics.topology;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * The state stores' changelogs outlive a version of the analytics: what the current formats (a volume's format 2,
 * a replica's format 1) wrote before the state records were regrouped must read back as the same state, and the
 * same state must still be written as the same bytes. The resources in {@code binary-state-current/} were written
 * by the code before that regrouping; the maps here hold one entry each where their order is a hash table's
 * (episodes, replicas), so the bytes written are the same on every run.
 */
class StateWrittenBeforeTest {

    private static final Instant T0 = Instant.parse("2026-12-07T07:00:00.5Z");

    private static final Map<ErrorFamily, Long> COUNTERS = Map.of(ErrorFamily.SNAPSHOT_FAILURES, 3L,
            ErrorFamily.LOGIN_FAILURES, 0L);

    private static final Map<ErrorFamily, SpikeWindow> SPIKES = Map.of(
            ErrorFamily.SNAPSHOT_FAILURES, new SpikeWindow(List.of(new SpikeWindow.TimedDelta(T0, 3)), 0.5,
                    T0.minusSeconds(60)),
            ErrorFamily.LOGIN_FAILURES, SpikeWindow.EMPTY);

    private static final Map<String, AlertEpisode> EPISODES = Map.of("VOLUME_DEGRADED",
            new AlertEpisode(T0.minusSeconds(40), T0.minusSeconds(5), "volume iqn.y is Degraded"));

    /** Every field of a volume's state set: a run of two failed polls after an answered one. */
    private static final VolumeState VOLUME = new VolumeState(
            new VolumeState.Seen(T0, T0.minusSeconds(20), VolumeCondition.DEGRADED, T0.minusSeconds(40), "target-2",
                    new ReplicaModes(Map.of("6163", new ReplicaModes.Seen(ReplicaMode.Degraded, T0.minusSeconds(41))))),
            new ErrorCounters(900L, COUNTERS, SPIKES, "collector-b"),
            new VolumeState.Alerting(EPISODES, true, 1_765_090_800_000L),
            new VolumeState.FailedPolls(2, T0.minusSeconds(10)));

    /** An unreachable volume: nothing answered since the state was kept. */
    private static final VolumeState UNREACHABLE = new VolumeState(
            new VolumeState.Seen(T0, null, VolumeCondition.UNREACHABLE, T0.minusSeconds(30), "target-2",
                    ReplicaModes.NONE),
            ErrorCounters.NONE, new VolumeState.Alerting(Map.of(), false, 1_765_090_800_000L),
            new VolumeState.FailedPolls(5, T0.minusSeconds(30)));

    /** Every field of a replica's state set. */
    private static final ReplicaState REPLICA = new ReplicaState(T0, new ErrorCounters(901L, COUNTERS, SPIKES, "collector-b"),
            EPISODES, new ReplicaState.IoWatch(T0.minusSeconds(20), new ReplicaState.Unmoved(77L, T0.minusSeconds(15)),
                    new ReplicaState.Unmoved(5_000_000_000L, T0.minusSeconds(12))));

    @Test
    void shouldReadVolumeStateWrittenBeforeAsTheSameState() throws IOException {
        assertSameBothWays(BinaryStateSerde.volume(), VOLUME, "volume-state.bin");
        assertSameBothWays(BinaryStateSerde.volume(), UNREACHABLE, "volume-state-unreachable.bin");
        assertSameBothWays(BinaryStateSerde.volume(), VolumeState.NEW, "volume-state-new.bin");
    }

    @Test
    void shouldReadReplicaStateWrittenBeforeAsTheSameState() throws IOException {
        assertSameBothWays(BinaryStateSerde.replica(), REPLICA, "replica-state.bin");
        assertSameBothWays(BinaryStateSerde.replica(), ReplicaState.NEW, "replica-state-new.bin");
    }

    private static <T> void assertSameBothWays(Serde<T> serde, T state, String resource) throws IOException {
        byte[] before = writtenBefore(resource);
        assertThat(serde.deserializer().deserialize("t", before)).as("%s read now", resource).isEqualTo(state);
        assertThat(serde.serializer().serialize("t", state)).as("%s written now", resource).isEqualTo(before);
    }

    private static byte[] writtenBefore(String resource) throws IOException {
        try (InputStream in = StateWrittenBeforeTest.class.getResourceAsStream("/binary-state-current/" + resource)) {
            assertThat(in).as("test resource binary-state-current/%s", resource).isNotNull();
            return in.readAllBytes();
        }
    }
}
