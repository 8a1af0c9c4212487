package io.istgt.telemetry.replay.read;

/** How the producers of the keyed topics chose partitions, which says where a volume's records can be. */
public enum KeyPartitioning {
    /** Kafka's default partitioner (murmur2 of the key bytes): read only the partitions the volume's keys hash to. */
    DEFAULT,
    /** Anything else: read every partition and keep the volume's records. */
    ALL
}
