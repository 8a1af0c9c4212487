package io.istgt.telemetry.analytics.topology;

import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.analytics.rules.ReplicaRules;
import io.istgt.telemetry.analytics.rules.RuleSettings;
import io.istgt.telemetry.analytics.rules.VolumeRules;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The analytics topology: status records in, transitions and alerts out. The same topology runs in the
 * live app and, offline over recorded history with other thresholds, in the replay's re-derivation.
 *
 * <pre>
 *  istgt.volume.status  ─► volume-rules  (store: volume-state)  ─┬─► istgt.replica.transitions
 *                                                                 ├─► istgt.volume.transitions
 *  istgt.replica.status ─► replica-rules (store: replica-state) ─┴─► istgt.alerts, istgt.alerts.active
 * </pre>
 */
public final class AlertTopology {

    static final String VOLUME_SOURCE = "volume-status";
    static final String REPLICA_SOURCE = "replica-status";
    static final String VOLUME_RULES = "volume-rules";
    static final String REPLICA_RULES = "replica-rules";
    static final String VOLUME_STORE = "volume-state";
    static final String REPLICA_STORE = "replica-state";
    static final String ALERTS_SINK = "alerts";
    static final String ACTIVE_ALERTS_SINK = "alerts-active";
    static final String REPLICA_TRANSITIONS_SINK = "replica-transitions";
    static final String VOLUME_TRANSITIONS_SINK = "volume-transitions";

    private AlertTopology() {
    }

    public static Topology build(AnalyticsConfig config, TopicSerdes serdes) {
        RuleSettings settings = config.ruleSettings();
        Topology topology = new Topology();

        // History is the point: a new application starts from the oldest record, not from now. The keys are
        // left as bytes: the rules take the iqn and replica id from the values, and decoding every key was about
        // 4 % of a stream thread in a replay.
        topology.addSource(AutoOffsetReset.earliest(), VOLUME_SOURCE, Serdes.ByteArray().deserializer(),
                serdes.volumeStatus().deserializer(), config.getString(AnalyticsConfig.VOLUME_TOPIC));
        topology.addSource(AutoOffsetReset.earliest(), REPLICA_SOURCE, Serdes.ByteArray().deserializer(),
                serdes.replicaStatus().deserializer(), config.getString(AnalyticsConfig.REPLICA_TOPIC));

        // Volume records carry every replica's mode, so replica presence and volume status are judged here.
        topology.addProcessor(VOLUME_RULES, () -> new VolumeProcessor(new VolumeRules(settings), config.silentAfter(),
                config.duration(AnalyticsConfig.SILENCE_CHECK_MS)), VOLUME_SOURCE);
        // Replica records carry the per-replica counters: error spikes and stuck IO; replicas gone are forgotten.
        topology.addProcessor(REPLICA_RULES, () -> new ReplicaProcessor(new ReplicaRules(settings),
                settings.replicaGoneAfter()), REPLICA_SOURCE);

        // State with changelogs, so a restarted or moved task resumes every open episode. Cached: each key's
        // state is rewritten on every record, and the cache sends only its last value per commit to RocksDB
        // and the changelog (flushed before each commit, so the changelog still matches the committed offsets;
        // statestore.cache.max.bytes sizes it). Nothing is forwarded from the cache: outputs are unchanged.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(VOLUME_STORE),
                Serdes.String(), BinaryStateSerde.volume()).withCachingEnabled(), VOLUME_RULES);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REPLICA_STORE),
                Serdes.String(), BinaryStateSerde.replica()).withCachingEnabled(), REPLICA_RULES);

        topology.addSink(ALERTS_SINK, config.getString(AnalyticsConfig.ALERTS_TOPIC), serdes.alertKey().serializer(),
                serdes.alert().serializer(), VOLUME_RULES, REPLICA_RULES);
        topology.addSink(ACTIVE_ALERTS_SINK, config.getString(AnalyticsConfig.ACTIVE_ALERTS_TOPIC),
                serdes.alertKey().serializer(), serdes.alert().serializer(), VOLUME_RULES, REPLICA_RULES);
        topology.addSink(REPLICA_TRANSITIONS_SINK, config.getString(AnalyticsConfig.TRANSITIONS_TOPIC),
                serdes.replicaKey().serializer(), serdes.replicaTransition().serializer(), VOLUME_RULES);
        topology.addSink(VOLUME_TRANSITIONS_SINK, config.getString(AnalyticsConfig.VOLUME_TRANSITIONS_TOPIC),
                serdes.volumeKey().serializer(), serdes.volumeTransition().serializer(), VOLUME_RULES);
        return topology;
    }
}
