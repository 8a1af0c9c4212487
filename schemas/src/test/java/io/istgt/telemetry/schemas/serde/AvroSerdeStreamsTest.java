package io.istgt.telemetry.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.schemas.Samples;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serde as Kafka Streams default serdes, configured by properties only, against the in-memory registry. */
class AvroSerdeStreamsTest {

    private static final String SCOPE = "streams-test";

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistryClient.dropScope(SCOPE);
    }

    @Test
    void shouldCarryVolumeStatusThroughATopologyWithDefaultSerdes(@TempDir Path stateDir) {
        StreamsBuilder builder = new StreamsBuilder();
        // The shape of an alerting rule: keep only the polls that found the target dark.
        builder.<VolumeKey, VolumeStatus>stream("status").filter((key, status) -> status.getFailure() != null)
                .to("dark");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "serde-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, AvroSerde.class);
        config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, AvroSerde.class);
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE);

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config);
             AvroSerde<VolumeKey> keys = new AvroSerde<>();
             AvroSerde<VolumeStatus> values = new AvroSerde<>()) {
            Map<String, Object> serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE);
            keys.configure(serdeConfig, true);
            values.configure(serdeConfig, false);
            TestInputTopic<VolumeKey, VolumeStatus> status =
                    driver.createInputTopic("status", keys.serializer(), values.serializer());
            TestOutputTopic<VolumeKey, VolumeStatus> dark =
                    driver.createOutputTopic("dark", keys.deserializer(), values.deserializer());

            status.pipeInput(Samples.volumeKey(), Samples.healthyDeepVolume());
            status.pipeInput(Samples.volumeKey(), Samples.unreachableVolume());

            assertThat(dark.readValuesToList()).isEqualTo(List.of(Samples.unreachableVolume()));
        }
    }
}
