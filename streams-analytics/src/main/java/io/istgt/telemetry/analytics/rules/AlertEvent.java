package io.istgt.telemetry.analytics.rules;

import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An alert episode's change as the rules produce it; {@code OutputRecords} turns it into the Avro Alert.
 *
 * @param replicaId null for volume and target alerts
 * @param endedAt   null while FIRING
 */
public record AlertEvent(String iqn, String replicaId, AlertKind kind, AlertEpisode.State state, Severity severity,
                         Instant startedAt, Instant endedAt, Instant eventAt, String summary, Double value,
                         Double threshold, Map<String, String> labels) {

    public AlertEvent {
        Objects.requireNonNull(iqn, "iqn");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        labels = Map.copyOf(labels);
    }
}
