package io.istgt.telemetry.collector.publish;

import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/** One Kafka record the collector publishes: a key and a value of one of the two record streams. */
public sealed interface OutboundRecord permits OutboundRecord.Volume, OutboundRecord.Replica {

    SpecificRecord key();

    SpecificRecord value();

    /** Which topic the record belongs to. */
    RecordStream stream();

    /** The target (as the collector names it) whose poll made the record. */
    default String target() {
        return metadataTarget(value());
    }

    /** A volume record, keyed by iqn. */
    record Volume(VolumeKey key, VolumeStatus value) implements OutboundRecord {
        public Volume {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public RecordStream stream() {
            return RecordStream.VOLUME;
        }
    }

    /** A replica record, keyed by iqn and replica id. */
    record Replica(ReplicaKey key, ReplicaStatus value) implements OutboundRecord {
        public Replica {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public RecordStream stream() {
            return RecordStream.REPLICA;
        }
    }

    private static String metadataTarget(SpecificRecord value) {
        return switch (value) {
            case VolumeStatus v -> v.getMetadata().getTarget();
            case ReplicaStatus r -> r.getMetadata().getTarget();
            default -> throw new IllegalStateException("not a collector record: " + value.getClass().getName());
        };
    }
}
