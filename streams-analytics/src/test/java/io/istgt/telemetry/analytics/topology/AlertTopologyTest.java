package io.istgt.telemetry.analytics.topology;

import static io.istgt.telemetry.analytics.topology.AnalyticsDriver.T0;
import static io.istgt.telemetry.testrecords.StatusRecords.replica;
import static io.istgt.telemetry.testrecords.StatusRecords.unreachable;
import static io.istgt.telemetry.testrecords.StatusRecords.volume;
import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.AlertState;
import io.istgt.telemetry.schemas.ReplicaTransition;
import io.istgt.telemetry.schemas.ReplicaTransitionKind;
import io.istgt.telemetry.schemas.Severity;
import io.istgt.telemetry.schemas.VolumeTransition;
import io.istgt.telemetry.testrecords.StatusRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Specs of the alert rules: given these status records, expect these transitions and alerts. Snapshots
 * arrive every 10 s (the collector's default interval); the hysteresis is the default 2 minutes.
 */
class AlertTopologyTest {

    private static final Map<String, String> ALL_HEALTHY = modes("6161", "Healthy", "6162", "Healthy", "6163", "Healthy");

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
    void shouldPublishReplicaTransitionsWithTimeInPreviousMode() {
        // given a replica that connects Degraded, rebuilds for 60 s, then vanishes 30 s later
        analytics.volume(volume(at(0), "Degraded", modes("6161", "Healthy", "6162", "Healthy", "6163", "Degraded"), 100));
        analytics.volume(volume(at(60), "Healthy", ALL_HEALTHY, 160));
        analytics.volume(volume(at(90), "Healthy", modes("6161", "Healthy", "6162", "Healthy"), 190));

        List<ReplicaTransition> transitions = analytics.replicaTransitions.readValuesToList();
        assertThat(transitions).filteredOn(t -> t.getReplicaId().equals("6163"))
                .extracting(ReplicaTransition::getKind, ReplicaTransition::getFromMode, ReplicaTransition::getToMode,
                        ReplicaTransition::getTimeInPreviousModeMs)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ReplicaTransitionKind.APPEARED, null, "Degraded", null),
                        org.assertj.core.groups.Tuple.tuple(ReplicaTransitionKind.MODE_CHANGED, "Degraded", "Healthy", 60_000L),
                        org.assertj.core.groups.Tuple.tuple(ReplicaTransitionKind.DISCONNECTED, "Healthy", null, 30_000L));
    }

    @Test
    void shouldFireReplicaDisconnectedOnceAndResolveWhenItComesBack() {
        analytics.volume(volume(at(0), "Healthy", ALL_HEALTHY, 100));
        analytics.alertLines();
        // when 6163 vanishes for three snapshots, then reconnects Degraded
        for (int i = 1; i <= 3; i++) {
            analytics.volume(volume(at(10 * i), "Healthy", modes("6161", "Healthy", "6162", "Healthy"), 100 + 10 * i));
        }
        analytics.volume(volume(at(40), "Healthy", modes("6161", "Healthy", "6162", "Healthy", "6163", "Degraded"), 140));

        // then one disconnection episode (and, with two replicas left of RF 3 / CF 2, quorum at risk)
        assertThat(analytics.alertLines()).containsExactly(
                "QUORUM_AT_RISK FIRING",
                "REPLICA_DISCONNECTED/6163 FIRING",
                "REPLICA_DISCONNECTED/6163 RESOLVED",
                "REPLICA_DEGRADED/6163 FIRING");
    }

    @Test
    void shouldFireVolumeDegradedOnceAndResolveOnlyAfterTheHysteresis() {
        Map<String, String> oneDown = modes("6161", "Healthy", "6162", "Degraded");
        analytics.volume(volume(at(0), "Healthy", ALL_HEALTHY, 100));
        // when the volume flaps Degraded / Healthy every 10 s for a minute, then stays Healthy
        for (int i = 1; i <= 6; i++) {
            boolean degraded = i % 2 == 1;
            analytics.volume(volume(at(10 * i), degraded ? "Degraded" : "Healthy", degraded ? oneDown : ALL_HEALTHY,
                    100 + 10 * i));
        }
        for (int i = 7; i <= 20; i++) {
            analytics.volume(volume(at(10 * i), "Healthy", ALL_HEALTHY, 100 + 10 * i));
        }

        List<Alert> degradedAlerts = analytics.alerts.readValuesToList().stream()
                .filter(a -> a.getKind() == AlertKind.VOLUME_DEGRADED).toList();
        // then one episode: FIRING at the first flap, RESOLVED 2 minutes after the last Degraded snapshot
        assertThat(degradedAlerts).extracting(Alert::getState).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
        assertThat(degradedAlerts.get(0).getStartedAt()).isEqualTo(at(10));
        assertThat(degradedAlerts.get(1).getEndedAt()).isEqualTo(at(60 + 120));
        assertThat(degradedAlerts.get(0).getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(degradedAlerts.get(0).getSummary())
                .isEqualTo("volume iqn.2016-09.com.openebs.cstor:vol1 is Degraded: 1 healthy and 1 degraded replicas (RF 3, CF 2 as configured)");
    }

    @Test
    void shouldJudgeAVolumeByTheReplicationSettingsItsRecordCarries() {
        Map<String, String> five = modes("6161", "Healthy", "6162", "Healthy", "6163", "Healthy", "6164", "Degraded",
                "6165", "Degraded");
        Map<String, String> three = modes("6161", "Healthy", "6162", "Healthy", "6163", "Healthy");

        // RF 5, CF 3 from istgt.conf: three healthy and two degraded replicas survive any one loss; three healthy
        // alone do not (two would be below CF), though by the configured RF 3, CF 2 they would
        analytics.volume(withReplication(volume(at(0), "Healthy", five, 100), 5, 3, 5));
        assertThat(firingNow()).doesNotContain("QUORUM_AT_RISK");
        analytics.volume(withReplication(volume(at(10), "Degraded", three, 110), 5, 3, 5));

        assertThat(firingNow()).contains("QUORUM_AT_RISK", "VOLUME_DEGRADED");
        Alert atRisk = analytics.alerts.readValuesToList().stream()
                .filter(a -> a.getKind() == AlertKind.QUORUM_AT_RISK).findFirst().orElseThrow();
        assertThat(atRisk.getSummary()).isEqualTo("volume iqn.2016-09.com.openebs.cstor:vol1 is one replica away"
                + " from Offline: 3 healthy and 0 degraded replicas (RF 5, CF 3)");
    }

    @Test
    void shouldJudgeAVolumeWhoseRecordSaysNothingByTheConfiguredPair() {
        analytics.volume(volume(at(0), "Healthy", modes("6161", "Healthy", "6162", "Healthy", "6163", "Healthy"), 100));

        assertThat(firingNow()).as("three healthy replicas are two losses from Offline at RF 3, CF 2").isEmpty();
    }

    private static io.istgt.telemetry.schemas.VolumeStatus withReplication(io.istgt.telemetry.schemas.VolumeStatus v,
                                                                           int rf, int cf, int drf) {
        return io.istgt.telemetry.schemas.VolumeStatus.newBuilder(v).setReplicationSettings(
                new io.istgt.telemetry.schemas.ReplicationSettings(rf, cf, drf, "/usr/local/etc/istgt/istgt.conf"))
                .build();
    }

    @Test
    void shouldPublishVolumeStatusTransitionsAndQuorumAtRisk() {
        analytics.volume(volume(at(0), "Healthy", ALL_HEALTHY, 100));
        analytics.volume(volume(at(10), "Healthy", modes("6161", "Healthy", "6162", "Healthy"), 110));
        analytics.volume(volume(at(20), "Offline", modes("6161", "Healthy"), 120));

        assertThat(analytics.volumeTransitions.readValuesToList())
                .extracting(VolumeTransition::getFromStatus, VolumeTransition::getToStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "Healthy"),
                        org.assertj.core.groups.Tuple.tuple("Healthy", "Offline"));
        assertThat(analytics.alertLines()).contains("QUORUM_AT_RISK FIRING", "VOLUME_OFFLINE FIRING");
        Alert offline = analytics.activeAlerts.readValuesToList().stream()
                .filter(a -> a != null && a.getKind() == AlertKind.VOLUME_OFFLINE).findFirst().orElseThrow();
        assertThat(offline.getSeverity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void shouldNotReadAnIstgtRestartAsAnErrorSpike() {
        // given a replica with 500 connection errors accumulated over a long uptime
        analytics.replica(replica(at(0), "6161", 250, 250, 10_000, 0, 1000));
        analytics.replica(replica(at(10), "6161", 250, 250, 10_010, 0, 1000));
        // when istgt restarts: uptime and counters drop to a few
        analytics.replica(replica(at(20), "6161", 1, 0, 5, 0, 1000));
        analytics.replica(replica(at(30), "6161", 1, 0, 15, 0, 1000));
        // then no spike: the delta across the restart is the 1 error since it, not -499 nor 500
        assertThat(analytics.alertLines()).isEmpty();
    }

    @Test
    void shouldFireAConnectionErrorSpikeOncePerEpisode() {
        analytics.replica(replica(at(0), "6161", 0, 0, 100, 0, 1000));
        // when 12 data connection errors arrive within 30 s, then 2 more a little later
        analytics.replica(replica(at(10), "6161", 0, 6, 110, 0, 1000));
        analytics.replica(replica(at(20), "6161", 0, 12, 120, 0, 1000));
        analytics.replica(replica(at(30), "6161", 0, 14, 130, 0, 1000));
        // and then quiet for four minutes
        for (int i = 4; i <= 28; i++) {
            analytics.replica(replica(at(10 * i), "6161", 0, 14, 100 + 10 * i, 0, 1000));
        }
        List<Alert> spikes = analytics.alerts.readValuesToList();
        assertThat(spikes).extracting(Alert::getKind, Alert::getState).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertKind.CONNECTION_ERROR_SPIKE, AlertState.FIRING),
                org.assertj.core.groups.Tuple.tuple(AlertKind.CONNECTION_ERROR_SPIKE, AlertState.RESOLVED));
        assertThat(spikes.get(0).getSummary()).startsWith("12 connection errors on replica 6161 of "
                + StatusRecords.IQN + " in the last 60 s");
        assertThat(spikes.get(0).getValue()).isEqualTo(12.0);
        assertThat(spikes.get(0).getThreshold()).isEqualTo(10.0);
        assertThat(spikes.get(0).getLabels())
                .containsExactlyInAnyOrderEntriesOf(Map.of("replicaId", "6161", "family", "CONNECTION_ERRORS",
                        "windowSeconds", "60"));
        // the RESOLVED event repeats the summary of the last evaluation that still saw a spike (at 60 s)
        assertThat(spikes.get(1).getSummary()).isEqualTo("14 connection errors on replica 6161 of " + StatusRecords.IQN
                + " in the last 60 s (baseline 14.0 per window, threshold 10 or 5.0x baseline)");
    }

    @Test
    void shouldIgnoreOutOfOrderAndReplayedRecords() {
        analytics.volume(volume(at(0), "Healthy", ALL_HEALTHY, 100));
        analytics.volume(volume(at(20), "Healthy", ALL_HEALTHY, 120));
        // when an older record arrives late (a replay, or a collector whose clock lags) showing a lost replica
        analytics.volume(volume(at(10), "Degraded", modes("6161", "Healthy"), 110));
        // then it changes nothing
        assertThat(analytics.alertLines()).isEmpty();
        assertThat(analytics.replicaTransitions.readValuesToList())
                .extracting(ReplicaTransition::getKind).containsOnly(ReplicaTransitionKind.APPEARED);
    }

    @Test
    void shouldTellAReplicaThatVanishedWhileTheCollectorRestarted() {
        // given collector a saw three replicas
        analytics.volume(volume(at(0), "Healthy", ALL_HEALTHY, 100, 0, 0, "collector-a", 41));
        analytics.replicaTransitions.readValuesToList();
        // when a new collector (sequence restarted) first sees two
        analytics.volume(volume(at(30), "Healthy", modes("6161", "Healthy", "6162", "Healthy"), 130, 0, 0,
                "collector-b", 0));
        // then the third is reported disconnected
        assertThat(analytics.replicaTransitions.readValuesToList())
                .extracting(ReplicaTransition::getReplicaId, ReplicaTransition::getKind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("6163", ReplicaTransitionKind.DISCONNECTED));
    }

    @Test
    void shouldFireTargetSilentByWallClockAndResolveOnTheNextRecord() {
        analytics.volume(volume(at(0), "Healthy", ALL_HEALTHY, 100));
        analytics.alertLines();
        // when no record arrives for 3 poll intervals (30 s) of wall clock
        analytics.advanceWallClock(Duration.ofSeconds(20));
        assertThat(analytics.alertLines()).isEmpty();
        analytics.advanceWallClock(Duration.ofSeconds(11));
        assertThat(analytics.alertLines()).containsExactly("TARGET_SILENT FIRING");
        analytics.advanceWallClock(Duration.ofSeconds(60));
        assertThat(analytics.alertLines()).isEmpty();
        // then the next record resolves it
        analytics.volume(volume(at(100), "Healthy", ALL_HEALTHY, 200));
        assertThat(analytics.alertLines()).containsExactly("TARGET_SILENT RESOLVED");
    }

    @Test
    void shouldFireTargetSilentForEachVolumeAtItsOwnTimeWhenRecordsArriveBetweenChecks() {
        // given volume 1 heard at wall 0 s and volume 2 first heard at 10 s, after the silence check has run
        analytics.volume(volume(at(0), "Healthy", ALL_HEALTHY, 100));
        analytics.advanceWallClock(Duration.ofSeconds(10));
        analytics.volume(other(volume(at(0), "Healthy", ALL_HEALTHY, 100)));
        // and volume 1 heard again at 25 s
        analytics.advanceWallClock(Duration.ofSeconds(15));
        analytics.volume(volume(at(10), "Healthy", ALL_HEALTHY, 110));
        analytics.alertLines();
        // when the wall clock passes 30 s of silence for neither, then for volume 2 (40 s), then volume 1 (55 s)
        analytics.advanceWallClock(Duration.ofSeconds(6));
        assertThat(silentIqns()).isEmpty();
        analytics.advanceWallClock(Duration.ofSeconds(10));
        assertThat(silentIqns()).containsExactly(OTHER_IQN);
        analytics.advanceWallClock(Duration.ofSeconds(10));
        assertThat(silentIqns()).isEmpty();
        analytics.advanceWallClock(Duration.ofSeconds(5));
        // then each fires once, when its own silence reaches 30 s
        assertThat(silentIqns()).containsExactly(StatusRecords.IQN);
    }

    private static final String OTHER_IQN = "iqn.2016-09.com.openebs.cstor:vol2";

    private static io.istgt.telemetry.schemas.VolumeStatus other(io.istgt.telemetry.schemas.VolumeStatus v) {
        return io.istgt.telemetry.schemas.VolumeStatus.newBuilder(v).setIqn(OTHER_IQN).build();
    }

    /** The volumes TARGET_SILENT fired for since the last read. */
    private List<String> silentIqns() {
        return analytics.alerts.readValuesToList().stream()
                .filter(a -> a.getKind() == AlertKind.TARGET_SILENT && a.getState() == AlertState.FIRING)
                .map(a -> a.getIqn()).toList();
    }

    @Test
    void shouldFireTargetUnreachableOnceThePollsHaveFailedThreeTimesOverThirtySeconds() {
        analytics.volume(volume(at(0), "Healthy", ALL_HEALTHY, 100));
        analytics.volumeTransitions.readValuesToList();
        // when the polls fail from +10 s: three failed polls span only 20 s at +30 s
        for (int s = 10; s <= 30; s += 10) {
            analytics.volume(unreachable(at(s)));
        }
        assertThat(analytics.alertLines()).isEmpty();
        assertThat(analytics.volumeTransitions.readValuesToList()).isEmpty();
        // the fourth, at +40 s, makes 30 s
        analytics.volume(unreachable(at(40)));

        // then the page, and the transition, both dated from the first failed poll
        List<TestRecord<io.istgt.telemetry.schemas.AlertKey, Alert>> fired = analytics.alerts.readRecordsToList();
        assertThat(fired).hasSize(1);
        Alert alert = fired.get(0).value();
        assertThat(alert.getKind()).isEqualTo(AlertKind.TARGET_UNREACHABLE);
        assertThat(alert.getState()).isEqualTo(AlertState.FIRING);
        assertThat(alert.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.getStartedAt()).isEqualTo(at(10));
        assertThat(alert.getEventAt()).isEqualTo(at(40));
        assertThat(fired.get(0).timestamp()).isEqualTo(at(40).toEpochMilli());
        assertThat(alert.getValue()).isEqualTo(4.0);
        assertThat(alert.getThreshold()).isEqualTo(3.0);
        assertThat(alert.getSummary()).isEqualTo("target " + StatusRecords.TARGET + " of " + StatusRecords.IQN
                + " is unreachable: 4 failed polls in a row since " + at(10) + " (30 s), the latest UNREACHABLE: "
                + "connect to " + StatusRecords.TARGET + ": connection refused");
        List<VolumeTransition> down = analytics.volumeTransitions.readValuesToList();
        assertThat(down).extracting(VolumeTransition::getFromStatus, VolumeTransition::getToStatus,
                        VolumeTransition::getAt, VolumeTransition::getTimeInPreviousStatusMs)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Healthy", "Unreachable", at(10), 10_000L));

        // when it answers again from +50 s
        for (int i = 5; i <= 18; i++) {
            analytics.volume(volume(at(10 * i), "Healthy", ALL_HEALTHY, 100 + 10 * i));
        }
        // then back to Healthy at once, after 40 s Unreachable, and resolved after the hysteresis
        assertThat(analytics.volumeTransitions.readValuesToList())
                .extracting(VolumeTransition::getFromStatus, VolumeTransition::getToStatus,
                        VolumeTransition::getAt, VolumeTransition::getTimeInPreviousStatusMs)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Unreachable", "Healthy", at(50), 40_000L));
        List<Alert> resolved = analytics.alerts.readValuesToList();
        assertThat(resolved).extracting(Alert::getKind, Alert::getState, Alert::getStartedAt, Alert::getEndedAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.TARGET_UNREACHABLE,
                        AlertState.RESOLVED, at(10), at(170)));
        List<KeyValue<io.istgt.telemetry.schemas.AlertKey, Alert>> active = analytics.activeAlerts.readKeyValuesToList();
        assertThat(active).hasSize(2);
        assertThat(active.get(0).value.getState()).isEqualTo(AlertState.FIRING);
        assertThat(active.get(1).value).as("tombstone once resolved").isNull();
    }

    @Test
    void shouldCallATargetUnreachableAtItsFirstFailedPollWhenConfiguredSo() {
        analytics.close();
        analytics = new AnalyticsDriver(stateDir.resolve("one-poll"), Map.of(
                io.istgt.telemetry.analytics.AnalyticsConfig.UNREACHABLE_FAILED_POLLS, "1",
                io.istgt.telemetry.analytics.AnalyticsConfig.UNREACHABLE_AFTER_MS, "0"));
        analytics.volume(volume(at(0), "Healthy", ALL_HEALTHY, 100));
        analytics.volume(unreachable(at(10)));
        assertThat(analytics.alertLines()).containsExactly("TARGET_UNREACHABLE FIRING");
        assertThat(analytics.volumeTransitions.readValuesToList()).extracting(VolumeTransition::getToStatus)
                .containsExactly("Healthy", "Unreachable");
    }

    @Test
    void shouldEndAReplacedReplicasAlertOnceTheVolumeHasItsReplicasWithoutIt() {
        analytics.volume(volume(at(0), "Healthy", ALL_HEALTHY, 100));
        // when 6163 vanishes (its pool migrated) and 6164, created in its place, connects and rebuilds
        analytics.volume(volume(at(10), "Healthy", modes("6161", "Healthy", "6162", "Healthy"), 110));
        assertThat(firingNow()).containsExactlyInAnyOrder("QUORUM_AT_RISK", "REPLICA_DISCONNECTED/6163");
        analytics.volume(volume(at(20), "Healthy", modes("6161", "Healthy", "6162", "Healthy", "6164", "Degraded"), 120));

        // then 6163's episode ends when 6164 connects, saying it was replaced; what fires is about replicas that exist
        assertThat(firingNow()).containsExactlyInAnyOrder("QUORUM_AT_RISK", "REPLICA_DEGRADED/6164");
        List<Alert> disconnected = analytics.alerts.readValuesToList().stream()
                .filter(a -> a.getKind() == AlertKind.REPLICA_DISCONNECTED).toList();
        assertThat(disconnected).extracting(Alert::getReplicaId, Alert::getState, Alert::getEventAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("6163", AlertState.FIRING, at(10)),
                        org.assertj.core.groups.Tuple.tuple("6163", AlertState.RESOLVED, at(20)));
        assertThat(disconnected.get(0).getSummary()).isEqualTo("replica 6163 of " + StatusRecords.IQN
                + " disconnected after 10 s Healthy: 2 of 3 replicas connected");
        Alert replaced = disconnected.get(1);
        assertThat(replaced.getLabels()).containsEntry("reason", "replaced").containsEntry("replicaId", "6163");
        assertThat(replaced.getSummary()).isEqualTo("replica 6163 of " + StatusRecords.IQN + " was replaced: the volume"
                + " has 3 connected replicas without it (desired 3); it disconnected at " + at(10));
        // the transitions say it too: 6163 disconnected, 6164 appeared, 6163 replaced (10 s after it went)
        List<ReplicaTransition> transitions = analytics.replicaTransitions.readValuesToList();
        assertThat(transitions)
                .filteredOn(t -> t.getKind() != ReplicaTransitionKind.APPEARED || t.getReplicaId().equals("6164"))
                .extracting(ReplicaTransition::getReplicaId, ReplicaTransition::getKind, ReplicaTransition::getAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("6163", ReplicaTransitionKind.DISCONNECTED, at(10)),
                        org.assertj.core.groups.Tuple.tuple("6164", ReplicaTransitionKind.APPEARED, at(20)),
                        org.assertj.core.groups.Tuple.tuple("6163", ReplicaTransitionKind.REPLACED, at(20)));
        assertThat(transitions.getLast().getTimeInPreviousModeMs()).isEqualTo(10_000L);

        // and once 6164 has rebuilt, in time nothing fires at all
        for (int i = 3; i <= 20; i++) {
            analytics.volume(volume(at(10 * i), "Healthy", modes("6161", "Healthy", "6162", "Healthy", "6164",
                    "Healthy"), 100 + 10 * i));
        }
        assertThat(firingNow()).isEmpty();
    }

    @Test
    void shouldNotReportAReplicaLeavingAVolumeThatHasItsReplicasWithoutIt() {
        // given the replacement 6164 connects before 6163 goes: four replicas for a while
        analytics.volume(volume(at(0), "Healthy", ALL_HEALTHY, 100));
        analytics.volume(volume(at(10), "Healthy", modes("6161", "Healthy", "6162", "Healthy", "6163", "Healthy",
                "6164", "Healthy"), 110));
        // when 6163 goes
        analytics.volume(volume(at(20), "Healthy", modes("6161", "Healthy", "6162", "Healthy", "6164", "Healthy"), 120));
        // then its transition, but no alert: the volume is short of nothing
        assertThat(analytics.alertLines()).isEmpty();
        assertThat(analytics.replicaTransitions.readValuesToList())
                .filteredOn(t -> t.getKind() == ReplicaTransitionKind.DISCONNECTED)
                .extracting(ReplicaTransition::getReplicaId).containsExactly("6163");
    }

    @Test
    void shouldStopReportingAReplicaGoneLongerThanConfiguredWhileTheVolumeAlertsSayItIsShort() {
        analytics.close();
        analytics = new AnalyticsDriver(stateDir.resolve("gone"), Map.of(
                io.istgt.telemetry.analytics.AnalyticsConfig.REPLICA_GONE_AFTER_MS, "600000"));
        Map<String, String> twoLeft = modes("6161", "Healthy", "6162", "Degraded");
        analytics.volume(volume(at(0), "Healthy", ALL_HEALTHY, 100));
        // when 6163 goes for good and nothing replaces it: 6162 rebuilds (Degraded) for the next 20 minutes
        for (int i = 1; i <= 120; i++) {
            analytics.volume(volume(at(10 * i), "Degraded", twoLeft, 100 + 10 * i));
            if (i == 59) {
                assertThat(firingNow()).contains("REPLICA_DISCONNECTED/6163");
            }
        }

        // then its episode ends 10 minutes after it went, saying so
        List<Alert> disconnected = analytics.alerts.readValuesToList().stream()
                .filter(a -> a.getKind() == AlertKind.REPLICA_DISCONNECTED).toList();
        assertThat(disconnected).extracting(Alert::getReplicaId, Alert::getState, Alert::getEventAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("6163", AlertState.FIRING, at(10)),
                        org.assertj.core.groups.Tuple.tuple("6163", AlertState.RESOLVED, at(610)));
        assertThat(disconnected.get(1).getLabels()).containsEntry("reason", "gone");
        assertThat(disconnected.get(1).getSummary()).isEqualTo("replica 6163 of " + StatusRecords.IQN
                + " has been gone since " + at(10) + ", longer than 10 min: no longer reported as disconnected; the"
                + " volume has 2 of 3 replicas connected");
        assertThat(analytics.replicaTransitions.readValuesToList()).filteredOn(t -> t.getReplicaId().equals("6163"))
                .extracting(ReplicaTransition::getKind, ReplicaTransition::getAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ReplicaTransitionKind.APPEARED, at(0)),
                        org.assertj.core.groups.Tuple.tuple(ReplicaTransitionKind.DISCONNECTED, at(10)),
                        org.assertj.core.groups.Tuple.tuple(ReplicaTransitionKind.GONE, at(610)));
        // while the volume's own alerts still say it is short of a replica
        assertThat(firingNow()).containsExactlyInAnyOrder("VOLUME_DEGRADED", "QUORUM_AT_RISK", "REPLICA_DEGRADED/6162");
    }

    @Test
    void shouldForgetAReplicaWithNoRecordForTheConfiguredTimeAndEndWhatItHadFiring() {
        analytics.close();
        analytics = new AnalyticsDriver(stateDir.resolve("forget"), Map.of(
                io.istgt.telemetry.analytics.AnalyticsConfig.REPLICA_GONE_AFTER_MS, "600000"));
        // given 6162 with IO stuck for a minute and more (STUCK_IO fires at +60 s), then no record of it again
        for (int i = 0; i <= 8; i++) {
            analytics.replica(replica(at(10 * i), "6162", 0, 0, 100 + 10 * i, 4, 1000));
            analytics.replica(replica(at(10 * i), "6161", 0, 0, 100 + 10 * i, 0, 1000 + i));
        }
        assertThat(firingNow()).containsExactly("STUCK_IO/6162");
        // when only 6161's records come, for 15 minutes
        for (int i = 9; i <= 99; i++) {
            analytics.replica(replica(at(10 * i), "6161", 0, 0, 100 + 10 * i, 0, 1000 + i));
        }

        // then 6162 is forgotten once its last record is 10 minutes old (checked each minute of stream time)
        List<Alert> stuck = analytics.alerts.readValuesToList().stream()
                .filter(a -> a.getKind() == AlertKind.STUCK_IO).toList();
        assertThat(stuck).extracting(Alert::getState).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
        assertThat(stuck.get(1).getEventAt()).isBetween(at(80 + 600), at(80 + 600 + 60));
        assertThat(stuck.get(1).getLabels()).containsEntry("reason", "gone");
        assertThat(stuck.get(1).getSummary()).isEqualTo("no record of replica 6162 of " + StatusRecords.IQN + " since "
                + at(80) + ", longer than 10 min: it no longer exists");
        assertThat(firingNow()).isEmpty();
        assertThat(analytics.driver.getKeyValueStore(AlertTopology.REPLICA_STORE).get(StatusRecords.IQN + " 6162"))
                .isNull();
        assertThat(analytics.driver.getKeyValueStore(AlertTopology.REPLICA_STORE).get(StatusRecords.IQN + " 6161"))
                .isNotNull();
    }

    /** What the compacted topic says fires now, as "KIND[/replica]" (it keeps the latest record per key). */
    private java.util.Set<String> firingNow() {
        analytics.activeAlerts.readKeyValuesToList().forEach(kv -> {
            String name = kv.key.getKind() + (kv.key.getReplicaId() == null ? "" : "/" + kv.key.getReplicaId());
            if (kv.value == null) {
                active.remove(name);
            } else {
                active.add(name);
            }
        });
        return java.util.Set.copyOf(active);
    }

    private final java.util.Set<String> active = new java.util.HashSet<>();

    @Test
    void shouldFireStuckIoWhenInflightDoesNotDrainAndTheSequenceStaysStill() {
        for (int i = 0; i <= 7; i++) {
            analytics.replica(replica(at(10 * i), "6162", 0, 0, 100 + 10 * i, 4, 1000));
        }
        List<TestRecord<io.istgt.telemetry.schemas.AlertKey, Alert>> records = analytics.alerts.readRecordsToList();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value().getKind()).isEqualTo(AlertKind.STUCK_IO);
        assertThat(records.get(0).value().getStartedAt()).isEqualTo(at(60));
        assertThat(records.get(0).key().getReplicaId()).isEqualTo("6162");
    }

    @Test
    void shouldNotCallIoStuckWhileTheReplicaKeepsAnsweringThoughItsSequenceStaysStill() {
        // istgt checkpoints the IO sequence only every so many IOs: under steady load it stands still while IO
        // is in flight at every snapshot, yet the replica's response time grows: IO drains
        for (int i = 0; i <= 12; i++) {
            analytics.replica(replica(at(10 * i), "6162", 0, 0, 100 + 10 * i, 4, 1000, 1_000_000L * i));
        }
        assertThat(analytics.alertLines()).isEmpty();
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static Map<String, String> modes(String... idModePairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < idModePairs.length; i += 2) {
            m.put(idModePairs[i], idModePairs[i + 1]);
        }
        return m;
    }
}
