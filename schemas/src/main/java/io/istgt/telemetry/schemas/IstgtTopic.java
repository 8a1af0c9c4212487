package io.istgt.telemetry.schemas;

import java.time.Duration;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The catalogue of the pipeline's topics: each one's default name, key and value schema, how long it keeps records
 * as the product creates it, and which program writes it. Every program takes its default topic names and
 * retentions from here, so a name is written once; each program still lets its user rename a topic.
 *
 * <pre>{@code
 * String topic = IstgtTopic.VOLUME_STATUS.defaultName();   // "istgt.volume.status"
 * Schema value = IstgtTopic.ALERTS.valueSchema();           // Alert
 * }</pre>
 */
public enum IstgtTopic {

    VOLUME_STATUS("istgt.volume.status", VolumeKey.getClassSchema(), VolumeStatus.getClassSchema(),
            Retention.STATUS, Writer.COLLECTOR, "one record per volume per poll, failed polls too"),
    REPLICA_STATUS("istgt.replica.status", ReplicaKey.getClassSchema(), ReplicaStatus.getClassSchema(),
            Retention.STATUS, Writer.COLLECTOR, "one record per connected or vanished replica per poll"),
    VOLUME_HISTORY("istgt.volume.history", VolumeKey.getClassSchema(), VolumeStatusBlock.getClassSchema(),
            Retention.HISTORY, Writer.HISTORY_WRITER, "blocks of up to 60 consecutive VolumeStatus of one volume"),
    REPLICA_HISTORY("istgt.replica.history", ReplicaKey.getClassSchema(), ReplicaStatusBlock.getClassSchema(),
            Retention.HISTORY, Writer.HISTORY_WRITER, "blocks of up to 60 consecutive ReplicaStatus of one replica"),
    ALERTS("istgt.alerts", AlertKey.getClassSchema(), Alert.getClassSchema(), Retention.HISTORY, Writer.ANALYTICS,
            "each alert change: one FIRING and one RESOLVED per episode"),
    ACTIVE_ALERTS("istgt.alerts.active", AlertKey.getClassSchema(), Alert.getClassSchema(), Retention.COMPACTED,
            Writer.ANALYTICS, "what fires now: the FIRING record while it lasts, a tombstone after"),
    REPLICA_TRANSITIONS("istgt.replica.transitions", ReplicaKey.getClassSchema(), ReplicaTransition.getClassSchema(),
            Retention.HISTORY, Writer.ANALYTICS, "a replica appeared, changed mode or disconnected"),
    VOLUME_TRANSITIONS("istgt.volume.transitions", VolumeKey.getClassSchema(), VolumeTransition.getClassSchema(),
            Retention.HISTORY, Writer.ANALYTICS, "a volume's status changed");

    /** The program that writes a topic (and by default creates it). */
    public enum Writer {
        COLLECTOR, ANALYTICS, HISTORY_WRITER
    }

    /** How long a topic keeps records as the product creates it. */
    public enum Retention {
        /** Days: the live status, read by the analytics and the recent replay (collector's --topic-retention). */
        STATUS(Duration.ofDays(7)),
        /** A year: postmortems and reprocessing (the analytics' output.retention.ms). */
        HISTORY(Duration.ofDays(365)),
        /** Compacted: the last record of each key, for as long as the key lives. */
        COMPACTED(null);

        private final Duration duration;

        Retention(Duration duration) {
            this.duration = duration;
        }

        /** The time kept; empty for a compacted topic. */
        public Optional<Duration> duration() {
            return Optional.ofNullable(duration);
        }

        /** Kafka's {@code cleanup.policy} for it. */
        public String cleanupPolicy() {
            return duration == null ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE;
        }
    }

    private final String defaultName;
    private final Schema keySchema;
    private final Schema valueSchema;
    private final Retention retention;
    private final Writer writer;
    private final String holds;

    IstgtTopic(String defaultName, Schema keySchema, Schema valueSchema, Retention retention, Writer writer,
               String holds) {
        this.defaultName = defaultName;
        this.keySchema = keySchema;
        this.valueSchema = valueSchema;
        this.retention = retention;
        this.writer = writer;
        this.holds = holds;
    }

    public String defaultName() {
        return defaultName;
    }

    public Schema keySchema() {
        return keySchema;
    }

    public Schema valueSchema() {
        return valueSchema;
    }

    public Retention retention() {
        return retention;
    }

    public Writer writer() {
        return writer;
    }

    /** What one record of the topic is, in a few words. */
    public String holds() {
        return holds;
    }
}
