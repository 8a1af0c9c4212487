package io.istgt.telemetry.analytics.topology;

import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.ReplicaTransition;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.VolumeTransition;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * The serdes of every topic the topology reads or writes: Avro in the Confluent wire format against a
 * registry in production; the same serdes over an in-memory registry in tests and offline re-derivation.
 */
public record TopicSerdes(Serde<VolumeKey> volumeKey, Serde<VolumeStatus> volumeStatus,
                          Serde<ReplicaKey> replicaKey, Serde<ReplicaStatus> replicaStatus,
                          Serde<AlertKey> alertKey, Serde<Alert> alert,
                          Serde<ReplicaTransition> replicaTransition, Serde<VolumeTransition> volumeTransition) {

    public TopicSerdes {
        Objects.requireNonNull(volumeKey, "volumeKey");
        Objects.requireNonNull(volumeStatus, "volumeStatus");
        Objects.requireNonNull(replicaKey, "replicaKey");
        Objects.requireNonNull(replicaStatus, "replicaStatus");
        Objects.requireNonNull(alertKey, "alertKey");
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(replicaTransition, "replicaTransition");
        Objects.requireNonNull(volumeTransition, "volumeTransition");
    }
}
