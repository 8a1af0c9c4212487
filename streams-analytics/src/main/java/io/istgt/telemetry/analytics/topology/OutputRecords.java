package io.istgt.telemetry.analytics.topology;

import io.istgt.telemetry.analytics.rules.AlertEvent;
import io.istgt.telemetry.analytics.rules.ReplicaModes;
import io.istgt.telemetry.analytics.rules.VolumeRules;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import io.istgt.telemetry.schemas.AlertState;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaMode;
import io.istgt.telemetry.schemas.ReplicaTransition;
import io.istgt.telemetry.schemas.ReplicaTransitionKind;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeTransition;
import java.util.TreeMap;

/**
 * The one place where what the rules produce becomes the Avro records of the output topics. The transitions'
 * modes and statuses are strings there, as istgt spells them: a volume's status includes Unreachable, which
 * istgt's VolumeHealth does not, and an enum in place of a published string field is no compatible schema change
 * (a consumer reading with the string schema could not read it).
 */
final class OutputRecords {

    private OutputRecords() {
    }

    static AlertKey alertKey(AlertEvent e) {
        return new AlertKey(e.key().iqn(), e.key().replicaId(), e.key().kind());
    }

    static Alert alert(AlertEvent e) {
        return Alert.newBuilder()
                .setIqn(e.key().iqn())
                .setReplicaId(e.key().replicaId())
                .setKind(e.key().kind())
                .setState(switch (e.change().state()) {
                    case FIRING -> AlertState.FIRING;
                    case RESOLVED -> AlertState.RESOLVED;
                })
                .setSeverity(e.severity())
                .setStartedAt(e.change().start())
                .setEndedAt(e.change().end())
                .setEventAt(e.eventAt())
                .setSummary(e.change().detail())
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
                .setKind(switch (t.kind()) {
                    case APPEARED -> ReplicaTransitionKind.APPEARED;
                    case MODE_CHANGED -> ReplicaTransitionKind.MODE_CHANGED;
                    case DISCONNECTED -> ReplicaTransitionKind.DISCONNECTED;
                    case REPLACED -> ReplicaTransitionKind.REPLACED;
                    case GONE -> ReplicaTransitionKind.GONE;
                })
                .setFromMode(name(t.fromMode()))
                .setToMode(name(t.toMode()))
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
                .setFromStatus(c.from() == null ? null : c.from().label())
                .setToStatus(c.to().label())
                .setAt(c.at())
                .setTimeInPreviousStatusMs(c.timeInPrevious() == null ? null : c.timeInPrevious().toMillis())
                .setHealthyReplicas(c.healthy())
                .setDegradedReplicas(c.degraded())
                .build();
    }

    /** A replica mode as istgt spells it (the schema's symbols are istgt's spelling); null stays null. */
    private static String name(ReplicaMode mode) {
        return mode == null ? null : mode.name();
    }
}
