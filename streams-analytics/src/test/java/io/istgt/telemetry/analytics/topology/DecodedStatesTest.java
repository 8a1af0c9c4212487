package io.istgt.telemetry.analytics.topology;

import static io.istgt.telemetry.testrecords.StatusRecords.IQN;
import static io.istgt.telemetry.testrecords.StatusRecords.replica;
import static io.istgt.telemetry.testrecords.StatusRecords.volume;
import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.analytics.rules.ReplicaRules;
import io.istgt.telemetry.analytics.rules.ReplicaState;
import io.istgt.telemetry.analytics.rules.VolumeRules;
import io.istgt.telemetry.analytics.rules.VolumeState;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The processors' decoded states must never outlive what the store says: Kafka Streams revives a task after
 * an aborted exactly-once transaction by restoring its store from the changelog (the state before the
 * aborted records) and calling the same processor's close() and init() again. The abort is simulated here by
 * putting the committed state back into the store between close() and init().
 */
class DecodedStatesTest {

    private static final Instant T0 = Instant.parse("2026-11-25T02:10:00Z");
    private static final Map<String, String> HEALTHY = Map.of("6161", "Healthy", "6162", "Healthy", "6163", "Healthy");
    private static final Map<String, String> ONE_DEGRADED =
            Map.of("6161", "Healthy", "6162", "Healthy", "6163", "Degraded");

    private final AnalyticsConfig config = new AnalyticsConfig(Map.of(AnalyticsConfig.TOPIC_REPLICATION, "1"));
    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();

    @Test
    void shouldReadTheRestoredStoreAfterAVolumeTaskIsRevived() {
        KeyValueStore<String, VolumeState> store = store(AlertTopology.VOLUME_STORE, BinaryStateSerde.volume());
        VolumeProcessor processor = new VolumeProcessor(new VolumeRules(config.ruleSettings()), Duration.ofMinutes(5),
                Duration.ofSeconds(1));
        context.setCurrentSystemTimeMs(T0.toEpochMilli());
        processor.init(context);
        processor.process(volumeRecord(volume(T0, "Healthy", HEALTHY, 100)));
        VolumeState committed = store.get(IQN);
        // given a record that fired REPLICA_DEGRADED in a transaction that then aborted
        processor.process(volumeRecord(volume(T0.plusSeconds(10), "Healthy", ONE_DEGRADED, 110)));
        assertThat(alertLines()).containsExactly("REPLICA_DEGRADED FIRING");
        context.resetForwards();

        // when the task is revived: closed, its store restored to the committed state, initialised again
        processor.close();
        store.put(IQN, committed);
        processor.init(context);
        processor.process(volumeRecord(volume(T0.plusSeconds(10), "Healthy", ONE_DEGRADED, 110)));

        // then the record is evaluated on the restored state, and fires again (the aborted FIRING was never seen)
        assertThat(alertLines()).containsExactly("REPLICA_DEGRADED FIRING");
    }

    @Test
    void shouldReadTheRestoredStoreAfterAReplicaTaskIsRevived() {
        KeyValueStore<String, ReplicaState> store = store(AlertTopology.REPLICA_STORE, BinaryStateSerde.replica());
        ReplicaProcessor processor = new ReplicaProcessor(new ReplicaRules(config.ruleSettings()),
                config.ruleSettings().replicaGoneAfter());
        processor.init(context);
        processor.process(replicaRecord(replica(T0, "6161", 0, 0, 1000, 0, 1)));
        ReplicaState committed = store.get(IQN + " 6161");
        // given a record that fired a connection error spike in a transaction that then aborted
        processor.process(replicaRecord(replica(T0.plusSeconds(10), "6161", 50, 50, 1010, 0, 2)));
        assertThat(alertLines()).containsExactly("CONNECTION_ERROR_SPIKE FIRING");
        context.resetForwards();

        processor.close();
        store.put(IQN + " 6161", committed);
        processor.init(context);
        processor.process(replicaRecord(replica(T0.plusSeconds(10), "6161", 50, 50, 1010, 0, 2)));

        assertThat(alertLines()).containsExactly("CONNECTION_ERROR_SPIKE FIRING");
    }

    private <V> KeyValueStore<String, V> store(String name, org.apache.kafka.common.serialization.Serde<V> serde) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), serde).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    /** The alerts history sink's records as "KIND STATE" lines. */
    private List<String> alertLines() {
        return context.forwarded(AlertTopology.ALERTS_SINK).stream()
                .map(f -> (Alert) f.record().value())
                .map(a -> a.getKind() + " " + a.getState())
                .toList();
    }

    /** Keys are read as bytes the processors never look at (the values carry the iqn and replica id). */
    private static Record<byte[], VolumeStatus> volumeRecord(VolumeStatus v) {
        return new Record<>(new byte[0], v, v.getMetadata().getCollectedAt().toEpochMilli());
    }

    private static Record<byte[], ReplicaStatus> replicaRecord(ReplicaStatus r) {
        return new Record<>(new byte[0], r, r.getMetadata().getCollectedAt().toEpochMilli());
    }
}
