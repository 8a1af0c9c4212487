package io.istgt.telemetry.analytics;

import io.istgt.telemetry.analytics.rules.RuleSettings;
import io.istgt.telemetry.analytics.rules.SpikeWindow;
import io.istgt.telemetry.history.BlockLimits;
import io.istgt.telemetry.history.HistoryKind;
import io.istgt.telemetry.history.HistorySettings;
import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.IstgtTopic;
import io.istgt.telemetry.schemas.Severity;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

/**
 * The analytics' own settings: topics, thresholds, windows and severities. Each key is declared once here,
 * with its type, default, validation and doc, the way Kafka declares its own; {@link #reference()} prints
 * the table the README shows. Kafka Streams' and the clients' settings pass through untouched (any key this
 * class does not declare).
 */
public final class AnalyticsConfig extends AbstractConfig {

    public static final String VOLUME_TOPIC = "volume.status.topic";
    public static final String REPLICA_TOPIC = "replica.status.topic";
    public static final String TRANSITIONS_TOPIC = "replica.transitions.topic";
    public static final String VOLUME_TRANSITIONS_TOPIC = "volume.transitions.topic";
    public static final String ALERTS_TOPIC = "alerts.topic";
    public static final String ACTIVE_ALERTS_TOPIC = "alerts.active.topic";
    public static final String VOLUME_HISTORY_TOPIC = "history.volume.topic";
    public static final String REPLICA_HISTORY_TOPIC = "history.replica.topic";
    public static final String HISTORY_ENABLED = "history.enabled";
    public static final String HISTORY_BLOCK_RECORDS = "history.block.records";
    public static final String HISTORY_BLOCK_SPAN_MS = "history.block.span.ms";
    public static final String HISTORY_BLOCK_IDLE_MS = "history.block.idle.ms";
    public static final String HISTORY_GROUP_ID = "history.group.id";
    public static final String HISTORY_STALL_AFTER_MS = "history.stall.after.ms";
    public static final String HISTORY_RETENTION_MS = "output.retention.ms";
    public static final String TOPIC_PARTITIONS = "output.partitions";
    public static final String TOPIC_REPLICATION = "output.replication.factor";

    public static final String RESOLVE_AFTER_MS = "alert.resolve.after.ms";
    public static final String SPIKE_WINDOW_MS = "spike.window.ms";
    public static final String SPIKE_ABSOLUTE = "spike.threshold.absolute";
    public static final String SPIKE_MULTIPLE = "spike.threshold.baseline.multiple";
    public static final String SPIKE_MINIMUM = "spike.threshold.minimum";
    public static final String SPIKE_SMOOTHING = "spike.baseline.smoothing";
    public static final String POLL_INTERVAL_MS = "collector.poll.interval.ms";
    public static final String SILENCE_INTERVALS = "silence.intervals";
    public static final String SILENCE_CHECK_MS = "silence.check.interval.ms";
    public static final String STUCK_IO_AFTER_MS = "stuck.io.after.ms";
    public static final String UNREACHABLE_FAILED_POLLS = "unreachable.failed.polls";
    public static final String UNREACHABLE_AFTER_MS = "unreachable.after.ms";
    public static final String REPLICA_GONE_AFTER_MS = "replica.gone.after.ms";
    public static final String REPLICATION_FACTOR = "volume.replication.factor";
    public static final String CONSISTENCY_FACTOR = "volume.consistency.factor";

    /** {@value}: let the broker choose ({@code default.replication.factor}). */
    public static final short BROKER_DEFAULT_REPLICATION = -1;

    private static void replicationFactor(String name, Object value) {
        short v = (Short) value;
        if (v != BROKER_DEFAULT_REPLICATION && v < 1) {
            throw new ConfigException(name, value, "must be 1 or more, or -1 for the broker's default");
        }
    }

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(VOLUME_TOPIC, Type.STRING, IstgtTopic.VOLUME_STATUS.defaultName(), Importance.HIGH,
                    "Input: one record per volume per snapshot, keyed by volume IQN.")
            .define(REPLICA_TOPIC, Type.STRING, IstgtTopic.REPLICA_STATUS.defaultName(), Importance.HIGH,
                    "Input: one record per replica per snapshot, keyed by (IQN, replica id).")
            .define(TRANSITIONS_TOPIC, Type.STRING, IstgtTopic.REPLICA_TRANSITIONS.defaultName(), Importance.HIGH,
                    "Output: replica mode transitions (appeared, mode changed, disconnected), keyed by (IQN, replica id).")
            .define(VOLUME_TRANSITIONS_TOPIC, Type.STRING, IstgtTopic.VOLUME_TRANSITIONS.defaultName(), Importance.HIGH,
                    "Output: volume status transitions (Healthy, Degraded, Offline, Unreachable), keyed by volume IQN.")
            .define(ALERTS_TOPIC, Type.STRING, IstgtTopic.ALERTS.defaultName(), Importance.HIGH,
                    "Output: alert history, FIRING then RESOLVED per episode, keyed by (IQN, replica id or none, kind).")
            .define(ACTIVE_ALERTS_TOPIC, Type.STRING, IstgtTopic.ACTIVE_ALERTS.defaultName(), Importance.HIGH,
                    "Output: compacted topic of the alerts firing now (a tombstone when one resolves).")
            .define(VOLUME_HISTORY_TOPIC, Type.STRING, IstgtTopic.VOLUME_HISTORY.defaultName(), Importance.HIGH,
                    "Output: long-term volume history, blocks of consecutive VolumeStatus records (delta-encoded), keyed by volume IQN.")
            .define(REPLICA_HISTORY_TOPIC, Type.STRING, IstgtTopic.REPLICA_HISTORY.defaultName(), Importance.HIGH,
                    "Output: long-term replica history, blocks of consecutive ReplicaStatus records (delta-encoded), keyed by (IQN, replica id).")
            .define(HISTORY_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Run the history writer, which copies the status topics into the history topics as blocks.")
            .define(HISTORY_BLOCK_RECORDS, Type.INT, 60, Range.between(1, 1_000), Importance.LOW,
                    "History: a block is written once it holds this many records of its key.")
            .define(HISTORY_BLOCK_SPAN_MS, Type.LONG, 600_000L, Range.atLeast(1), Importance.LOW,
                    "History: a block is written before a record that is this much later (collectedAt) than the block's first.")
            .define(HISTORY_BLOCK_IDLE_MS, Type.LONG, 120_000L, Range.atLeast(1), Importance.LOW,
                    "History: a block is written when no record of its key has arrived for this long (wall clock), e.g. a deleted volume.")
            .define(HISTORY_GROUP_ID, Type.STRING, "istgt-history-writer", Importance.LOW,
                    "History: the writer's consumer group; not derived from application.id, so reprocessing the alerts under a new id does not write the history again.")
            .define(HISTORY_STALL_AFTER_MS, Type.LONG, 300_000L, Range.atLeast(1), Importance.LOW,
                    "History: the program is not ready once records wait in the status topics and the writer has read"
                            + " and written nothing for this long (a writer that retries a failure says so at once).")
            .define(HISTORY_RETENTION_MS, Type.LONG, IstgtTopic.Retention.HISTORY.duration().orElseThrow().toMillis(), Range.atLeast(-1), Importance.MEDIUM,
                    "Retention of the history, alerts and transitions topics when the analytics creates them; -1 keeps them forever.")
            .define(TOPIC_PARTITIONS, Type.INT, 6, Range.atLeast(1), Importance.LOW,
                    "Partitions of the output topics when the analytics creates them.")
            .define(TOPIC_REPLICATION, Type.SHORT, BROKER_DEFAULT_REPLICATION, AnalyticsConfig::replicationFactor,
                    Importance.LOW, "Replication factor of the output topics when the analytics creates them; -1 (the"
                            + " default): the broker's default.replication.factor, as Kafka's tools and the collector"
                            + " do.")
            .define(RESOLVE_AFTER_MS, Type.LONG, 120_000L, Range.atLeast(0), Importance.MEDIUM,
                    "Hysteresis: an alert resolves only once its condition has stayed false this long, so a flapping condition pages once.")
            .define(SPIKE_WINDOW_MS, Type.LONG, 60_000L, Range.atLeast(1), Importance.MEDIUM,
                    "Error spikes: the window over which an error counter's deltas are summed.")
            .define(SPIKE_ABSOLUTE, Type.LONG, 10L, Range.atLeast(1), Importance.MEDIUM,
                    "Error spikes: a window sum at or above this many errors is a spike.")
            .define(SPIKE_MULTIPLE, Type.DOUBLE, 5.0, Range.atLeast(1), Importance.MEDIUM,
                    "Error spikes: a window sum at or above this multiple of the key's baseline (smoothed sum per window) is a spike.")
            .define(SPIKE_MINIMUM, Type.LONG, 3L, Range.atLeast(1), Importance.LOW,
                    "Error spikes: the smallest window sum that a baseline multiple may call a spike.")
            .define(SPIKE_SMOOTHING, Type.DOUBLE, 0.3, Range.between(0.01, 1.0), Importance.LOW,
                    "Error spikes: weight of the newest window in the baseline's moving average.")
            .define(POLL_INTERVAL_MS, Type.LONG, 10_000L, Range.atLeast(100), Importance.HIGH,
                    "The collectors' poll interval; silence is judged in multiples of it.")
            .define(SILENCE_INTERVALS, Type.INT, 3, Range.atLeast(1), Importance.MEDIUM,
                    "Silence: a target with no record for this many poll intervals (by wall clock) raises TARGET_SILENT.")
            .define(SILENCE_CHECK_MS, Type.LONG, 1_000L, Range.atLeast(10), Importance.LOW,
                    "Silence: how often the wall-clock check runs.")
            .define(STUCK_IO_AFTER_MS, Type.LONG, 60_000L, Range.atLeast(1), Importance.MEDIUM,
                    "Stuck IO: a replica with IO in flight whose checkpointed IO sequence has not moved for this long.")
            .define(UNREACHABLE_FAILED_POLLS, Type.INT, 3, Range.atLeast(1), Importance.MEDIUM,
                    "Unreachable: a target is unreachable (TARGET_UNREACHABLE, the Unreachable volume transition) only "
                            + "after this many failed polls in a row that also span " + UNREACHABLE_AFTER_MS + "; "
                            + "fewer leave every rule's state as it was.")
            .define(UNREACHABLE_AFTER_MS, Type.LONG, 30_000L, Range.atLeast(0), Importance.MEDIUM,
                    "Unreachable: the least time from the first failed poll of a run to the latest before the target "
                            + "is unreachable (with " + UNREACHABLE_FAILED_POLLS + " failed polls).")
            .define(REPLICA_GONE_AFTER_MS, Type.LONG, Duration.ofDays(1).toMillis(), Range.atLeast(1), Importance.MEDIUM,
                    "Replicas: a replica absent from its volume's records this long no longer counts as disconnected "
                            + "(its REPLICA_DISCONNECTED resolves, reason gone; the volume's own alerts still say "
                            + "whether it is short of replicas), and the replica rules forget a replica with no "
                            + "record for this long (by the records' time).")
            .define(REPLICATION_FACTOR, Type.INT, 3, Range.between(1, 5), Importance.MEDIUM,
                    "The replication factor of a volume whose records do not carry their own (from istgt.conf, read by"
                            + " the collector); used to judge quorum at risk, and as the number of connected replicas"
                            + " such a volume should have (a disconnected replica's alert ends, reason replaced, once"
                            + " its volume has that many without it).")
            .define(CONSISTENCY_FACTOR, Type.INT, 2, Range.between(1, 5), Importance.MEDIUM,
                    "The consistency factor of a volume whose records do not carry their own (from istgt.conf);"
                            + " used to judge quorum at risk.")
            .define("severity.default", Type.STRING, "warning", ValidString.in("critical", "warning", "info"),
                    Importance.LOW, "Severity of alert kinds not given a severity.<KIND> key.");

    /**
     * The settings that are not the analytics' own, for Kafka Streams. The analytics' keys must not reach it:
     * Streams reads any {@code topic.*} key as a config of its internal topics, for one.
     */
    public static Map<String, Object> withoutAnalyticsKeys(Map<String, Object> settings) {
        Map<String, Object> rest = new java.util.HashMap<>(settings);
        rest.keySet().removeIf(k -> DEFINITION.names().contains(k) || k.startsWith("severity."));
        return rest;
    }

    public AnalyticsConfig(Map<?, ?> props) {
        super(DEFINITION, props, false);
        if (getInt(CONSISTENCY_FACTOR) > getInt(REPLICATION_FACTOR)) {
            throw new ConfigException(CONSISTENCY_FACTOR, getInt(CONSISTENCY_FACTOR),
                    "must not exceed " + REPLICATION_FACTOR + " (" + getInt(REPLICATION_FACTOR) + ")");
        }
    }

    public Duration duration(String key) {
        return Duration.ofMillis(getLong(key));
    }

    public SpikeWindow.Thresholds spikeThresholds() {
        return new SpikeWindow.Thresholds(duration(SPIKE_WINDOW_MS), getLong(SPIKE_ABSOLUTE),
                getDouble(SPIKE_MULTIPLE), getLong(SPIKE_MINIMUM), getDouble(SPIKE_SMOOTHING));
    }

    /**
     * Built-in severities: what takes a volume down (or hides it) is critical; what degrades it is a warning;
     * a replica rebuilding after it connects is information.
     */
    private static final Map<AlertKind, Severity> DEFAULT_SEVERITIES = Map.of(
            AlertKind.VOLUME_OFFLINE, Severity.CRITICAL,
            AlertKind.QUORUM_AT_RISK, Severity.CRITICAL,
            AlertKind.TARGET_UNREACHABLE, Severity.CRITICAL,
            AlertKind.TARGET_SILENT, Severity.CRITICAL,
            AlertKind.STUCK_IO, Severity.CRITICAL,
            AlertKind.REPLICA_DEGRADED, Severity.INFO);

    /**
     * The severity of an alert kind: {@code severity.<KIND>} if set, else the built-in one, else
     * {@code severity.default}.
     */
    public Severity severity(AlertKind kind) {
        Object explicit = originals().get("severity." + kind.name());
        if (explicit != null) {
            return severityNamed("severity." + kind.name(), explicit);
        }
        Severity builtIn = DEFAULT_SEVERITIES.get(kind);
        return builtIn != null ? builtIn : severityNamed("severity.default", getString("severity.default"));
    }

    private static Severity severityNamed(String key, Object value) {
        return switch (value.toString().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "critical" -> Severity.CRITICAL;
            case "warning" -> Severity.WARNING;
            case "info" -> Severity.INFO;
            default -> throw new ConfigException(key, value, "must be critical, warning or info");
        };
    }

    /** The history writer's settings: the live and history topics, the block limits and its consumer group. */
    public HistorySettings historySettings() {
        return new HistorySettings(HistoryKind.volumes(getString(VOLUME_TOPIC), getString(VOLUME_HISTORY_TOPIC)),
                HistoryKind.replicas(getString(REPLICA_TOPIC), getString(REPLICA_HISTORY_TOPIC)),
                new BlockLimits(getInt(HISTORY_BLOCK_RECORDS), duration(HISTORY_BLOCK_SPAN_MS),
                        duration(HISTORY_BLOCK_IDLE_MS)),
                getString(HISTORY_GROUP_ID));
    }

    public RuleSettings ruleSettings() {
        return new RuleSettings(duration(RESOLVE_AFTER_MS), spikeThresholds(), getInt(REPLICATION_FACTOR),
                getInt(CONSISTENCY_FACTOR), duration(STUCK_IO_AFTER_MS),
                new RuleSettings.Unreachable(getInt(UNREACHABLE_FAILED_POLLS), duration(UNREACHABLE_AFTER_MS)),
                duration(REPLICA_GONE_AFTER_MS), this::severity);
    }

    /** A target is silent after this long without a record. */
    public Duration silentAfter() {
        return duration(POLL_INTERVAL_MS).multipliedBy(getInt(SILENCE_INTERVALS));
    }

    /** The configuration reference as a Markdown-friendly text table. */
    public static String reference() {
        return DEFINITION.toEnrichedRst();
    }
}
