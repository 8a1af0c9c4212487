package io.istgt.telemetry.analytics.topology;

import io.istgt.telemetry.analytics.rules.AlertEpisode;
import io.istgt.telemetry.analytics.rules.AlertEvent;
import io.istgt.telemetry.analytics.rules.ReplicaModes;
import io.istgt.telemetry.analytics.rules.VolumeRules;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import io.istgt.telemetry.schemas.AlertState;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaTransition;
import io.istgt.telemetry.schemas.ReplicaTransitionKind;
import io.istgt.telemetry.schemas.Severity;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeTransition;
import java.util.Locale;
import java.util.TreeMap;

/** The one place where what the rules produce becomes the Avro records of the output topics. */
final class OutputRecords {

    private OutputRecords() {
    }

    static AlertKey alertKey(AlertEvent e) {
        return new AlertKey(e.iqn(), e.replicaId(), e.kind());
    }

    static Alert alert(AlertEvent e) {
        return Alert.newBuilder()
                .setIqn(e.iqn())
                .setReplicaId(e.replicaId())
                .setKind(e.kind())
                .setState(e.state() == AlertEpisode.State.FIRING ? AlertState.FIRING : AlertState.RESOLVED)
                .setSeverity(Severity.valueOf(e.severity().toUpperCase(Locale.ROOT)))
                .setStartedAt(e.startedAt())
                .setEndedAt(e.endedAt())
                .setEventAt(e.eventAt())
                .setSummary(e.summary())
                .setValue(e.value())
                .setThreshold(e.threshold())
                .setLabels(new TreeMap<>(e.labels()))
                .build();
    }

    static ReplicaKey replicaKey(String iqn, ReplicaModes.Transition t) {
        return new ReplicaKey(iqn, t.replicaId());
    }

    static ReplicaTransition replicaTransition(String iqn, ReplicaModes.Transition t) {
        return ReplicaTransition.newBuilder()
                .setIqn(iqn)
                .setReplicaId(t.replicaId())
                .setKind(ReplicaTransitionKind.valueOf(t.kind().name()))
                .setFromMode(t.fromMode())
                .setToMode(t.toMode())
                .setAt(t.at())
                .setTimeInPreviousModeMs(t.timeInPrevious() == null ? null : t.timeInPrevious().toMillis())
                .build();
    }

    static VolumeKey volumeKey(String iqn) {
        return new VolumeKey(iqn);
    }

    static VolumeTransition volumeTransition(VolumeRules.StatusChange c) {
        return VolumeTransition.newBuilder()
                .setIqn(c.iqn())
                .setFromStatus(c.from())
                .setToStatus(c.to())
                .setAt(c.at())
                .setTimeInPreviousStatusMs(c.timeInPrevious() == null ? null : c.timeInPrevious().toMillis())
                .setHealthyReplicas(c.healthy())
                .setDegradedReplicas(c.degraded())
                .build();
    }
}
