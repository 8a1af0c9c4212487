package io.istgt.telemetry.replay.rederive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.AlertState;
import io.istgt.telemetry.schemas.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertDiffTest {

    private static final Instant T0 = Instant.parse("2026-11-25T02:10:00Z");

    @Test
    void shouldMatchTheSameChangesAndListWhatOnlyOneSideHas() {
        List<Alert> raised = List.of(alert(AlertKind.REPLICA_DISCONNECTED, "6163", AlertState.FIRING, 130),
                alert(AlertKind.TARGET_UNREACHABLE, null, AlertState.FIRING, 300));
        List<Alert> rederived = List.of(alert(AlertKind.REPLICA_DISCONNECTED, "6163", AlertState.FIRING, 130),
                alert(AlertKind.CONNECTION_ERROR_SPIKE, "6161", AlertState.FIRING, 600));

        AlertDiff diff = AlertDiff.of(raised, rederived, Duration.ofSeconds(10));

        assertThat(diff.rows()).extracting(AlertDiff.Row::side, r -> r.alert().getKind())
                .containsExactly(tuple(AlertDiff.Side.SAME, AlertKind.REPLICA_DISCONNECTED),
                        tuple(AlertDiff.Side.ONLY_RAISED, AlertKind.TARGET_UNREACHABLE),
                        tuple(AlertDiff.Side.ONLY_REDERIVED, AlertKind.CONNECTION_ERROR_SPIKE));
        assertThat(diff.identical()).isFalse();
    }

    @Test
    void shouldMatchWithinTheToleranceForWallClockAlerts() {
        List<Alert> raised = List.of(alert(AlertKind.TARGET_SILENT, null, AlertState.FIRING, 91));
        List<Alert> rederived = List.of(alert(AlertKind.TARGET_SILENT, null, AlertState.FIRING, 90));

        AlertDiff diff = AlertDiff.of(raised, rederived, Duration.ofSeconds(10));

        assertThat(diff.identical()).isTrue();
        assertThat(diff.rows().getFirst().offset()).isEqualTo(Duration.ofSeconds(-1));
        assertThat(AlertDiff.of(raised, rederived, Duration.ZERO).identical()).isFalse();
    }

    static Alert alert(AlertKind kind, String replicaId, AlertState state, int seconds) {
        return Alert.newBuilder().setIqn("iqn.2016-09.com.openebs.cstor:vol1").setReplicaId(replicaId).setKind(kind)
                .setState(state).setSeverity(Severity.WARNING).setStartedAt(T0.plusSeconds(seconds))
                .setEndedAt(state == AlertState.RESOLVED ? T0.plusSeconds(seconds) : null)
                .setEventAt(T0.plusSeconds(seconds)).setSummary(kind + " happened").setLabels(Map.of()).build();
    }
}
