package io.istgt.telemetry.analytics.topology;

import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.ReplicaTransition;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.VolumeTransition;
import io.istgt.telemetry.schemas.serde.AvroSerde;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
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

    /**
     * Every topic's serde over one registry client: the HTTP client of the running app, or an in-memory one
     * for tests and offline re-derivation. The caller closes the client.
     */
    public static TopicSerdes over(SchemaRegistryClient registry, Map<String, ?> serdeConfig) {
        return new TopicSerdes(
                serde(VolumeKey.class, registry, serdeConfig, true), serde(VolumeStatus.class, registry, serdeConfig, false),
                serde(ReplicaKey.class, registry, serdeConfig, true), serde(ReplicaStatus.class, registry, serdeConfig, false),
                serde(AlertKey.class, registry, serdeConfig, true), serde(Alert.class, registry, serdeConfig, false),
                serde(ReplicaTransition.class, registry, serdeConfig, false),
                serde(VolumeTransition.class, registry, serdeConfig, false));
    }

    private static <T extends SpecificRecord> Serde<T> serde(Class<T> type, SchemaRegistryClient registry,
                                                              Map<String, ?> config, boolean isKey) {
        AvroSerde<T> serde = AvroSerde.specific(type, registry);
        serde.configure(config, isKey);
        return serde;
    }
}
