package io.istgt.telemetry.collector.publish;

/** The collector's two record streams, one topic each. */
public enum RecordStream {
    /** {@code VolumeKey} → {@code VolumeStatus}, one per volume per poll (failed polls too). */
    VOLUME,
    /** {@code ReplicaKey} → {@code ReplicaStatus}, one per known replica per successful poll. */
    REPLICA
}
