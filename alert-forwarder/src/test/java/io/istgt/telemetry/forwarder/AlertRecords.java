package io.istgt.telemetry.forwarder;

import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.AlertState;
import io.istgt.telemetry.schemas.Severity;
import java.time.Instant;
import java.util.Map;

/** Alerts as the analytics write them, for the tests. */
final class AlertRecords {

    static final String IQN = "iqn.2016-09.com.openebs.cstor:pvc-1";

    private AlertRecords() {
    }

    static Alert firing(String iqn, String replicaId, AlertKind kind, Severity severity, Instant startedAt) {
        return Alert.newBuilder().setIqn(iqn).setReplicaId(replicaId).setKind(kind).setState(AlertState.FIRING)
                .setSeverity(severity).setStartedAt(startedAt).setEndedAt(null).setEventAt(startedAt)
                .setSummary(kind + " on " + iqn).setValue(null).setThreshold(null).setLabels(Map.of()).build();
    }

    static Alert resolved(Alert firing, Instant endedAt) {
        return Alert.newBuilder(firing).setState(AlertState.RESOLVED).setEndedAt(endedAt).setEventAt(endedAt).build();
    }

    static AlertKey key(Alert alert) {
        return new AlertKey(alert.getIqn(), alert.getReplicaId(), alert.getKind());
    }
}
