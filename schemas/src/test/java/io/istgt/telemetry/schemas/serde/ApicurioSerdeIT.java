package io.istgt.telemetry.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.Samples;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The serde against a real Apicurio Registry 3.3.3 through its Confluent-compatible API. */
class ApicurioSerdeIT {

    private final ApicurioRegistry registry = ApicurioRegistry.shared();
    private HttpSchemaRegistryClient client;

    @BeforeEach
    void connect() {
        client = HttpSchemaRegistryClient.builder().urls(List.of(registry.ccompatUrl())).build();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void shouldRoundTripEveryRecordTypeThroughTheRegistry() {
        assertRoundTrip("it.volume-status", VolumeKey.class, Samples.volumeKey(), true);
        assertRoundTrip("it.volume-status", VolumeStatus.class, Samples.healthyDeepVolume(), false);
        assertRoundTrip("it.volume-status", VolumeStatus.class, Samples.unreachableVolume(), false);
        assertRoundTrip("it.replica-status", ReplicaKey.class, Samples.replicaKey(Samples.BIG_REPLICA_ID), true);
        assertRoundTrip("it.replica-status", ReplicaStatus.class, Samples.connectedReplica("6161"), false);
        assertRoundTrip("it.replica-status", ReplicaStatus.class, Samples.disconnectedReplica(), false);
    }

    @Test
    void shouldRegisterUnderTopicSubjectsAndSetBackwardCompatibility() {
        AvroSerializer<VolumeStatus> serializer = new AvroSerializer<>(client);
        serializer.configure(Map.of(), false);

        byte[] bytes = serializer.serialize("it.subjects", Samples.healthyDeepVolume());

        int id = WireFormat.unframe("it.subjects", bytes).schemaId();
        assertThat(client.schemaById(id)).isEqualTo(VolumeStatus.getClassSchema());
        assertThat(client.idOf("it.subjects-value", VolumeStatus.getClassSchema())).isEqualTo(id);
        assertThat(client.compatibility("it.subjects-value")).isEqualTo(Compatibility.BACKWARD);
    }

    @Test
    void shouldSetCompatibilityFromManyWritersAtOnce() throws Exception {
        // Two stream threads or several collectors starting together all set the rule of a new subject.
        int writers = 8;
        for (int round = 0; round < 5; round++) {
            String subject = "it.race-" + System.nanoTime() + "-value";
            CyclicBarrier start = new CyclicBarrier(writers);
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                tasks.add(() -> {
                    try (HttpSchemaRegistryClient own = HttpSchemaRegistryClient.builder()
                            .urls(List.of(registry.ccompatUrl())).build()) {
                        start.await();
                        own.setCompatibility(subject, Compatibility.BACKWARD);
                    }
                    return null;
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                for (Future<Void> f : pool.invokeAll(tasks)) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(client.compatibility(subject)).isEqualTo(Compatibility.BACKWARD);
        }
    }

    @Test
    void shouldReadWithAFreshClientThatOnlyKnowsTheId() {
        byte[] bytes = new AvroSerializer<ReplicaStatus>(client).serialize("it.fresh", Samples.connectedReplica("7"));

        try (HttpSchemaRegistryClient fresh = HttpSchemaRegistryClient.builder()
                .urls(List.of(registry.ccompatUrl())).build()) {
            assertThat(new AvroDeserializer<>(fresh, ReplicaStatus.class).deserialize("it.fresh", bytes))
                    .isEqualTo(Samples.connectedReplica("7"));
        }
    }

    private <T extends SpecificRecord> void assertRoundTrip(String topic, Class<T> type, T record, boolean isKey) {
        AvroSerializer<T> serializer = new AvroSerializer<>(client);
        serializer.configure(Map.of(), isKey);
        AvroDeserializer<T> deserializer = new AvroDeserializer<>(client, type);
        deserializer.configure(Map.of(), isKey);

        assertThat(deserializer.deserialize(topic, serializer.serialize(topic, record))).isEqualTo(record);
    }
}
