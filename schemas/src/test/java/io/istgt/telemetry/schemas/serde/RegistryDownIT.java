package io.istgt.telemetry.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.Samples;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A registry that goes away mid-run: cached ids keep working, anything new fails typed and retriable. */
class RegistryDownIT {

    @Test
    void shouldKeepServingCachedSchemasAndReportNewLookupsAsRetriable() {
        ApicurioRegistry registry = ApicurioRegistry.start();
        String url = registry.ccompatUrl();
        Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url,
                AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, VolumeStatus.class,
                AvroSerdeConfig.CONNECT_TIMEOUT_MS, 2_000);
        try (AvroSerde<VolumeStatus> volumes = new AvroSerde<>(); AvroSerde<ReplicaStatus> replicas = new AvroSerde<>()) {
            volumes.configure(config, false);
            replicas.configure(config, false);
            byte[] before = volumes.serializer().serialize("it.down", Samples.healthyDeepVolume());
            volumes.deserializer().deserialize("it.down", before);

            registry.close();

            assertThat(volumes.serializer().serialize("it.down", Samples.unreachableVolume())).isNotEmpty();
            assertThat(volumes.deserializer().deserialize("it.down", before)).isEqualTo(Samples.healthyDeepVolume());
            assertThatThrownBy(() -> replicas.serializer().serialize("it.down", Samples.disconnectedReplica()))
                    .isInstanceOf(SchemaRegistryUnavailableException.class)
                    .hasMessageStartingWith("schema registry at " + url + "/config/it.down-value is unreachable (")
                    .hasMessageEndingWith("); retriable")
                    .satisfies(e -> assertThat(((SchemaRegistryException) e).isRetriable()).isTrue());
            assertThatThrownBy(() -> volumes.deserializer().deserialize("it.down", WireFormat.frame(4242, new byte[0])))
                    .isInstanceOf(SchemaRegistryUnavailableException.class)
                    .hasMessageStartingWith("schema registry at " + url + "/schemas/ids/4242 is unreachable (");
        } finally {
            registry.close();
        }
    }
}
