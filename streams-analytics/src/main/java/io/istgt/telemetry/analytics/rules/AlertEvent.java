package io.istgt.telemetry.analytics.rules;

import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An alert episode's change as the rules produce it; {@code OutputRecords} turns it into the Avro Alert.
 *
 * @param key       which alert
 * @param change    FIRING or RESOLVED, the episode's start and end (null while FIRING), and its summary
 * @param eventAt   the time of the record (or of the silence check) that made the change
 * @param value     the measure the condition was judged on, null when it has none
 * @param threshold what {@code value} was held against, null when none
 */
public record AlertEvent(Key key, AlertEpisode.Change change, Severity severity, Instant eventAt, Double value,
                         Double threshold, Map<String, String> labels) {

    /**
     * The alert an episode is of: as the Avro AlertKey has it.
     *
     * @param replicaId null for volume and target alerts
     */
    public record Key(String iqn, String replicaId, AlertKind kind) {

        public Key {
            Objects.requireNonNull(iqn, "iqn");
            Objects.requireNonNull(kind, "kind");
        }
    }

    public AlertEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(change, "change");
        labels = Map.copyOf(labels);
    }
}
