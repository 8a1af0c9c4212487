package io.istgt.telemetry.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.schemas.Samples;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schema evolution as the real registry judges it, with the rule the serializer sets on the subject. */
class SchemaEvolutionIT {

    private static final Schema V1 = VolumeStatus.getClassSchema();

    private HttpSchemaRegistryClient client;

    @BeforeEach
    void connect() {
        client = HttpSchemaRegistryClient.builder().urls(List.of(ApicurioRegistry.shared().ccompatUrl())).build();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void shouldAcceptAFieldAddedWithADefaultAndLetAV1ReaderReadV2Data() {
        AvroSerializer<GenericRecord> serializer = serializer(Map.of());
        serializer.serialize("it.evolve-ok", SchemaEdits.asNewer(Samples.healthyDeepVolume(), V1));
        Schema v2 = SchemaEdits.withField(V1,
                "{\"name\":\"poolName\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"cStor pool.\"}");
        GenericRecord v2Record = SchemaEdits.asNewer(Samples.healthyDeepVolume(), v2);
        v2Record.put("poolName", "cstor-pool-1");

        byte[] v2Bytes = serializer.serialize("it.evolve-ok", v2Record);

        assertThat(WireFormat.unframe("it.evolve-ok", v2Bytes).schemaId())
                .isNotEqualTo(client.idOf("it.evolve-ok-value", V1));
        VolumeStatus readByV1 = new AvroDeserializer<>(client, VolumeStatus.class).deserialize("it.evolve-ok", v2Bytes);
        assertThat(readByV1).isEqualTo(Samples.healthyDeepVolume());
    }

    @Test
    void shouldRefuseATypeChangeWithTheRegistrysReason() {
        AvroSerializer<GenericRecord> serializer = serializer(Map.of());
        serializer.serialize("it.evolve-type", SchemaEdits.asNewer(Samples.healthyDeepVolume(), V1));
        Schema iqnAsLong = SchemaEdits.withFieldType(V1, "iqn", "\"long\"");

        assertThatThrownBy(() -> serializer.serialize("it.evolve-type", new GenericData.Record(iqnAsLong)))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageStartingWith("schema registry refused the schema for subject it.evolve-type-value as"
                        + " incompatible with the subject's compatibility rule: ")
                .hasMessageContaining("reader type: LONG not compatible with writer type: STRING at /fields/1/type")
                .satisfies(e -> assertThat(((IncompatibleSchemaException) e).isRetriable()).isFalse())
                .satisfies(e -> assertThat(((IncompatibleSchemaException) e).subject())
                        .isEqualTo("it.evolve-type-value"));
    }

    @Test
    void shouldRefuseARequiredFieldAddedWithoutADefault() {
        AvroSerializer<GenericRecord> serializer = serializer(Map.of());
        serializer.serialize("it.evolve-required", SchemaEdits.asNewer(Samples.healthyDeepVolume(), V1));
        Schema required = SchemaEdits.withField(V1, "{\"name\":\"poolName\",\"type\":\"string\"}");

        assertThatThrownBy(() -> serializer.serialize("it.evolve-required", new GenericData.Record(required)))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("subject it.evolve-required-value")
                .hasMessageContaining("poolName");
    }

    @Test
    void shouldRefuseRemovingARequiredFieldUnderFullCompatibility() {
        AvroSerializer<GenericRecord> serializer = serializer(Map.of(
                AvroSerdeConfig.AUTO_REGISTER_COMPATIBILITY, "FULL"));
        serializer.serialize("it.evolve-remove", SchemaEdits.asNewer(Samples.healthyDeepVolume(), V1));
        Schema withoutIqn = SchemaEdits.withoutField(V1, "iqn");

        assertThatThrownBy(() -> serializer.serialize("it.evolve-remove", new GenericData.Record(withoutIqn)))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("subject it.evolve-remove-value")
                .hasMessageContaining("iqn");
        assertThat(client.compatibility("it.evolve-remove-value")).isEqualTo(Compatibility.FULL);
    }

    private AvroSerializer<GenericRecord> serializer(Map<String, Object> config) {
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(client);
        serializer.configure(config, false);
        return serializer;
    }
}
