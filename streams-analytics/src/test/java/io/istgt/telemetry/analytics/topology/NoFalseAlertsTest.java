package io.istgt.telemetry.analytics.topology;

import static io.istgt.telemetry.analytics.topology.AnalyticsDriver.T0;
import static io.istgt.telemetry.testrecords.StatusRecords.replica;
import static io.istgt.telemetry.testrecords.StatusRecords.volume;
import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.testrecords.StatusRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What faults upstream of the analytics must never turn into: alerts. Counters that restart with istgt, a whole
 * history delivered again (a replay, a collector's spool drained twice), and collectors whose clocks disagree
 * polling the same istgt (a rolling update runs two at once).
 */
class NoFalseAlertsTest {

    private static final Map<String, String> ALL_HEALTHY = new LinkedHashMap<>(Map.of("6161", "Healthy", "6162",
            "Healthy", "6163", "Healthy"));

    @TempDir
    Path stateDir;
    private AnalyticsDriver analytics;

    @BeforeEach
    void start() {
        analytics = new AnalyticsDriver(stateDir, Map.of());
    }

    @AfterEach
    void stop() {
        analytics.close();
    }

    @Test
    void shouldNotReadVolumeCountersRestartingWithIstgtAsFailureSpikes() {
        // given 400 failed snapshot requests accumulated over a long uptime
        analytics.volume(volume(at(0), "Healthy", ALL_HEALTHY, 10_000, 500, 100, "collector-a", 1));
        analytics.volume(volume(at(10), "Healthy", ALL_HEALTHY, 10_010, 500, 100, "collector-a", 2));
        // when istgt restarts: uptime and counters start again from zero, then grow a little
        analytics.volume(volume(at(20), "Healthy", ALL_HEALTHY, 5, 2, 2, "collector-a", 3));
        analytics.volume(volume(at(30), "Healthy", ALL_HEALTHY, 15, 4, 3, "collector-a", 4));
        analytics.volume(volume(at(40), "Healthy", ALL_HEALTHY, 25, 6, 5, "collector-a", 5));
        // then no spike: one failure since the restart
        assertThat(analytics.alertLines()).isEmpty();
    }

    @Test
    void shouldNotReadErrorsThatTrickledInDuringAGapInTheRecordsAsASpike() {
        // given a replica whose connection errors grow by one every 10 s
        analytics.replica(replica(at(0), "6161", 0, 100, 1000, 0, 1000));
        analytics.replica(replica(at(10), "6161", 0, 101, 1010, 0, 1000));
        // when no record comes for 5 minutes (collector down, or its polls dropped) and the next shows 30 more
        analytics.replica(replica(at(310), "6161", 0, 131, 1310, 0, 1000));
        analytics.replica(replica(at(320), "6161", 0, 132, 1320, 0, 1000));
        // then no spike: 30 errors over 300 s is 6 a minute, below the threshold of 10
        assertThat(analytics.alertLines()).isEmpty();
    }

    @Test
    void shouldRaiseNothingNewWhenAWholeHistoryArrivesAgain() {
        List<VolumeStatus> volumes = new ArrayList<>();
        List<ReplicaStatus> replicas = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Map<String, String> modes = i >= 10 && i < 20 ? Map.of("6161", "Healthy", "6162", "Healthy")
                    : ALL_HEALTHY;
            volumes.add(volume(at(10 * i), i >= 10 && i < 20 ? "Degraded" : "Healthy", new LinkedHashMap<>(modes),
                    100 + 10 * i));
            replicas.add(replica(at(10 * i), "6161", 0, i >= 12 && i < 15 ? 6L * (i - 11) : i < 12 ? 0 : 18,
                    100 + 10 * i, 0, 1000 + i));
        }
        for (int i = 0; i < volumes.size(); i++) {
            analytics.volume(volumes.get(i));
            analytics.replica(replicas.get(i));
        }
        List<String> first = analytics.alertLines();
        assertThat(first).as("the history raises alerts").isNotEmpty();
        analytics.replicaTransitions.readValuesToList();
        analytics.volumeTransitions.readValuesToList();

        // when all of it is delivered again
        for (int i = 0; i < volumes.size(); i++) {
            analytics.volume(volumes.get(i));
            analytics.replica(replicas.get(i));
        }

        // then nothing new: neither alerts nor transitions
        assertThat(analytics.alertLines()).isEmpty();
        assertThat(analytics.replicaTransitions.readValuesToList()).isEmpty();
        assertThat(analytics.volumeTransitions.readValuesToList()).isEmpty();
    }

    @Test
    void shouldRaiseNothingWhenTwoCollectorsWithSkewedClocksPollTheSameHealthyIstgt() {
        // given collector a on time and collector b 45 s ahead, both polling every 10 s while connection errors
        // trickle in (one per 10 s, far below a spike) and istgt stays healthy
        for (int i = 0; i < 30; i++) {
            long errors = 500 + i;
            analytics.volume(volume(at(10 * i), "Healthy", ALL_HEALTHY, 1000 + 10 * i, 0, 0, "collector-a", i + 1));
            analytics.replica(withCollector(replica(at(10 * i), "6161", 0, errors, 1000 + 10 * i, 0, 1000 + i),
                    "collector-a"));
            analytics.volume(volume(at(10 * i + 45), "Healthy", ALL_HEALTHY, 1000 + 10 * i, 0, 0, "collector-b", i + 1));
            analytics.replica(withCollector(replica(at(10 * i + 45), "6161", 0, errors, 1000 + 10 * i, 0, 1000 + i),
                    "collector-b"));
            analytics.advanceWallClock(Duration.ofSeconds(10));
        }
        // when collector b goes (the rolling update is over) and only a's records arrive, 45 s "late"
        for (int i = 30; i < 40; i++) {
            analytics.volume(volume(at(10 * i), "Healthy", ALL_HEALTHY, 1000 + 10 * i, 0, 0, "collector-a", i + 1));
            analytics.replica(withCollector(replica(at(10 * i), "6161", 0, 500 + i, 1000 + 10 * i, 0, 1000 + i),
                    "collector-a"));
            analytics.advanceWallClock(Duration.ofSeconds(10));
        }
        // then no alert at all: no spike, no silence, no unreachable, no replica changes
        assertThat(analytics.alertLines()).isEmpty();
        assertThat(analytics.replicaTransitions.readValuesToList()).extracting(t -> t.getKind().name())
                .containsOnly("APPEARED");
    }

    @Test
    void shouldRaiseNothingWhenACollectorsClockLagsAndItsRecordsArriveLate() {
        // given collector b's clock 45 s behind: every record of it looks older than a's
        for (int i = 0; i < 20; i++) {
            analytics.volume(volume(at(10 * i + 45), "Healthy", ALL_HEALTHY, 1000 + 10 * i, 0, 0, "collector-a", i + 1));
            analytics.volume(volume(at(10 * i), "Healthy", ALL_HEALTHY, 1000 + 10 * i - 45, 0, 0, "collector-b", i + 1));
            analytics.advanceWallClock(Duration.ofSeconds(10));
        }
        assertThat(analytics.alertLines()).isEmpty();
        assertThat(analytics.volumeTransitions.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldNotPageNorTransitionOnOneSlowPoll() {
        // given istgt polled every second; while a replica connects it answers ISTGTSTATUS only after ~0.9 s,
        // and one poll times out
        Map<String, String> twoOfThree = new LinkedHashMap<>(Map.of("6161", "Healthy", "6162", "Healthy"));
        analytics.volume(volume(at(0), "Healthy", twoOfThree, 100));
        analytics.volume(timeout(at(1)));
        analytics.volume(volume(at(2), "Healthy", ALL_HEALTHY, 102));
        // then no page and no Unreachable in the transitions: the volume went from 2 to 3 replicas, no more
        assertThat(analytics.alertLines()).containsExactly("QUORUM_AT_RISK FIRING");
        assertThat(analytics.volumeTransitions.readValuesToList()).extracting(t -> t.getToStatus())
                .containsExactly("Healthy");
    }

    @Test
    void shouldNotPageNorTransitionOnTwoFailedPollsNorTouchTheOtherRules() {
        // given a Degraded volume (VOLUME_DEGRADED fired) polled every 10 s
        Map<String, String> oneDegraded = new LinkedHashMap<>(Map.of("6161", "Healthy", "6162", "Degraded"));
        analytics.volume(volume(at(0), "Degraded", oneDegraded, 100));
        assertThat(analytics.alertLines()).contains("VOLUME_DEGRADED FIRING");
        analytics.volumeTransitions.readValuesToList();
        // when two polls fail, then it answers, still Degraded
        analytics.volume(timeout(at(10)));
        analytics.volume(timeout(at(20)));
        analytics.volume(volume(at(30), "Degraded", oneDegraded, 130));
        // then nothing at all: no page, no transition, and the open episodes stay open (nothing resolved)
        assertThat(analytics.alertLines()).isEmpty();
        assertThat(analytics.volumeTransitions.readValuesToList()).isEmpty();
        assertThat(analytics.replicaTransitions.readValuesToList()).extracting(t -> t.getKind().name())
                .containsOnly("APPEARED");
    }

    @Test
    void shouldNotPageOnABurstOfFailedPollsAtAShortInterval() {
        analytics.volume(volume(at(0), "Healthy", ALL_HEALTHY, 100));
        // when five polls a second apart fail (a replica connecting for a few seconds): five, but over 4 s only
        for (int s = 1; s <= 5; s++) {
            analytics.volume(timeout(at(s)));
        }
        analytics.volume(volume(at(6), "Healthy", ALL_HEALTHY, 106));
        assertThat(analytics.alertLines()).isEmpty();
        assertThat(analytics.volumeTransitions.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldNotReadFailuresAccumulatedDuringAnOutageAsASpike() {
        // given snapshot failures steady at 0
        analytics.volume(volume(at(0), "Healthy", ALL_HEALTHY, 1000, 10, 10, "collector-a", 1));
        // when the target is unreachable for 5 minutes and comes back with 30 more failed snapshot requests
        for (int i = 1; i <= 30; i++) {
            analytics.volume(timeout(at(10 * i)));
        }
        analytics.volume(volume(at(310), "Healthy", ALL_HEALTHY, 1310, 40, 10, "collector-a", 32));
        // then the outage pages, but no spike: 30 failures over 310 s since the counters were read is not one
        assertThat(analytics.alertLines()).containsExactly("TARGET_UNREACHABLE FIRING");
    }

    /** A poll that timed out: istgt answered too late. */
    private static VolumeStatus timeout(Instant at) {
        VolumeStatus failed = StatusRecords.unreachable(at);
        return VolumeStatus.newBuilder(failed).setFailure(io.istgt.telemetry.schemas.PollFailure
                .newBuilder(failed.getFailure()).setKind(io.istgt.telemetry.schemas.PollFailureKind.TIMEOUT)
                .setCommand("ISTGTSTATUS").setMessage("ISTGTSTATUS on " + StatusRecords.TARGET
                        + ": no reply within 500 ms").build()).build();
    }

    private static ReplicaStatus withCollector(ReplicaStatus r, String collectorId) {
        return ReplicaStatus.newBuilder(r).setMetadata(io.istgt.telemetry.schemas.CollectionMetadata
                .newBuilder(r.getMetadata()).setCollectorId(collectorId).build()).build();
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }
}
