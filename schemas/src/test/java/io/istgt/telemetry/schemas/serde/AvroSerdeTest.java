package io.istgt.telemetry.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.Samples;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private static final String TOPIC = "istgt.volume-status";
    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistryClient.dropScope("serde-test");
    }

    @Test
    void shouldRoundTripEveryRecordShape() {
        assertRoundTrip(TOPIC, VolumeKey.class, Samples.volumeKey(), true);
        assertRoundTrip(TOPIC, VolumeStatus.class, Samples.healthyDeepVolume(), false);
        assertRoundTrip(TOPIC, VolumeStatus.class, Samples.unreachableVolume(), false);
        assertRoundTrip("istgt.replica-status", ReplicaKey.class, Samples.replicaKey(Samples.BIG_REPLICA_ID), true);
        assertRoundTrip("istgt.replica-status", ReplicaStatus.class, Samples.connectedReplica("6161"), false);
        assertRoundTrip("istgt.replica-status", ReplicaStatus.class, Samples.disconnectedReplica(), false);
    }

    @Test
    void shouldRegisterUnderTopicNameStrategySubjectsWithBackwardCompatibility() {
        AvroSerializer<VolumeKey> keys = new AvroSerializer<>(registry);
        keys.configure(Map.of(), true);
        keys.serialize(TOPIC, Samples.volumeKey());
        AvroSerializer<VolumeStatus> values = new AvroSerializer<>(registry);
        values.configure(Map.of(), false);
        values.serialize(TOPIC, Samples.healthyDeepVolume());

        assertThat(registry.versions("istgt.volume-status-value")).containsExactly(VolumeStatus.getClassSchema());
        assertThat(registry.versions("istgt.volume-status-key")).containsExactly(VolumeKey.getClassSchema());
        assertThat(registry.compatibility("istgt.volume-status-value")).isEqualTo(Compatibility.BACKWARD);
    }

    /**
     * The serializer's writer (Avro's SpecificDatumWriter with the custom coders on) writes what Avro's plain
     * SpecificDatumWriter with the generated classes' own model writes, after the same 5-byte header.
     */
    @Test
    void shouldWriteWhatAvrosPlainSpecificDatumWriterWrites() throws Exception {
        java.util.List<SpecificRecord> records = java.util.List.of(Samples.volumeKey(),
                Samples.replicaKey(Samples.BIG_REPLICA_ID), Samples.healthyDeepVolume(), Samples.unreachableVolume(),
                Samples.connectedReplica("6161"), Samples.disconnectedReplica(),
                Samples.metadata(io.istgt.telemetry.schemas.CommandSet.STOCK, 7));
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>(registry);
        serializer.configure(Map.of(), false);
        for (SpecificRecord record : records) {
            Schema schema = record.getSchema();
            String topic = "t." + schema.getName();
            byte[] framed = serializer.serialize(topic, record);
            int id = registry.idOf(Subjects.of(topic, false), schema);

            java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
            plain.writeBytes(WireFormat.frame(id, new byte[0]));
            org.apache.avro.io.BinaryEncoder encoder = org.apache.avro.io.EncoderFactory.get()
                    .directBinaryEncoder(plain, null);
            new org.apache.avro.specific.SpecificDatumWriter<Object>(schema,
                    org.apache.avro.specific.SpecificData.getForSchema(schema)).write(record, encoder);
            encoder.flush();

            assertThat(framed).as(schema.getName()).isEqualTo(plain.toByteArray());
        }
    }

    @Test
    void shouldWriteTheSameBytesFromManyThreadsAtOnceAsFromOne() throws Exception {
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>(registry);
        values.configure(Map.of(), false);
        java.util.List<SpecificRecord> records = java.util.List.of(Samples.healthyDeepVolume(),
                Samples.unreachableVolume(), Samples.connectedReplica("6161"), Samples.disconnectedReplica());
        java.util.List<byte[]> expected = records.stream()
                .map(r -> new AvroSerializer<SpecificRecord>(registry).serialize(TOPIC + "." + r.getSchema().getName(), r))
                .toList();

        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 16; t++) {
                results.add(threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        int which = i % records.size();
                        SpecificRecord r = records.get(which);
                        if (!java.util.Arrays.equals(expected.get(which),
                                values.serialize(TOPIC + "." + r.getSchema().getName(), r))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (var result : results) {
                assertThat(result.get()).isTrue();
            }
        }
    }

    @Test
    void shouldWriteNullAsATombstoneAndReadItBack() {
        assertThat(new AvroSerializer<VolumeStatus>(registry).serialize(TOPIC, null)).isNull();
        assertThat(new AvroDeserializer<>(registry, VolumeStatus.class).deserialize(TOPIC, null)).isNull();
    }

    @Test
    void shouldReadIntoTheClassNamedLikeTheWriterSchemaWhenNoTypeIsConfigured() {
        byte[] bytes = new AvroSerializer<ReplicaStatus>(registry).serialize(TOPIC, Samples.disconnectedReplica());

        SpecificRecord read = new AvroDeserializer<SpecificRecord>(registry).deserialize(TOPIC, bytes);

        assertThat(read).isEqualTo(Samples.disconnectedReplica());
    }

    @Test
    void shouldReadGenericRecordsWhenTheSpecificReaderIsOff() {
        byte[] bytes = new AvroSerializer<VolumeKey>(registry).serialize(TOPIC, Samples.volumeKey());
        AvroDeserializer<GenericRecord> generic = new AvroDeserializer<>(registry);
        generic.configure(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, false), true);

        GenericRecord read = generic.deserialize(TOPIC, bytes);

        assertThat(read).isInstanceOf(GenericData.Record.class);
        assertThat(read.get("iqn")).hasToString(Samples.IQN);
    }

    @Test
    void shouldReadNewerDataWithAnOlderReaderSchemaDroppingTheAddedField() {
        Schema v2 = withExtraField(VolumeKey.getClassSchema());
        GenericRecord newer = new GenericData.Record(v2);
        newer.put("iqn", Samples.IQN);
        newer.put("pool", "cstor-pool-1");
        byte[] bytes = new AvroSerializer<GenericRecord>(registry).serialize(TOPIC, newer);

        VolumeKey read = new AvroDeserializer<>(registry, VolumeKey.class).deserialize(TOPIC, bytes);

        assertThat(read).isEqualTo(Samples.volumeKey());
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaNamingTheSubject() {
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(registry);
        serializer.configure(Map.of(), true);
        serializer.serialize(TOPIC, Samples.volumeKey());
        Schema iqnAsInt = SchemaBuilder.record("VolumeKey").namespace("io.istgt.telemetry.schemas")
                .fields().requiredInt("iqn").endRecord();
        GenericRecord bad = new GenericData.Record(iqnAsInt);
        bad.put("iqn", 1);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, bad))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageStartingWith("schema registry refused the schema for subject istgt.volume-status-key as"
                        + " incompatible with the subject's compatibility rule: BACKWARD: new schema cannot read data"
                        + " written with version 1: TYPE_MISMATCH at /fields/0/type");
    }

    @Test
    void shouldRefuseAnUnregisteredSchemaWhenAutoRegistrationIsOff() {
        AvroSerializer<VolumeKey> serializer = new AvroSerializer<>(registry);
        serializer.configure(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), true);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, Samples.volumeKey()))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessage("subject istgt.volume-status-key does not hold schema io.istgt.telemetry.schemas.VolumeKey"
                        + " and auto-registration is off (in-memory registry)");
    }

    @Test
    void shouldFailOnAnUnknownSchemaIdAsNotRetriable() {
        byte[] unknownId = WireFormat.frame(99, new byte[] {0});

        assertThatThrownBy(() -> new AvroDeserializer<>(registry, VolumeKey.class).deserialize(TOPIC, unknownId))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessage("schema registry knows no schema with id 99 (in-memory registry holding ids 1..0)")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).isRetriable()).isFalse());
    }

    @Test
    void shouldShareAnInMemoryRegistryThroughAMockUrl() {
        Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://serde-test",
                AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, VolumeStatus.class);
        try (AvroSerde<VolumeStatus> writer = new AvroSerde<>(); AvroSerde<VolumeStatus> reader = new AvroSerde<>()) {
            writer.configure(config, false);
            reader.configure(config, false);

            byte[] bytes = writer.serializer().serialize(TOPIC, Samples.healthyDeepVolume());

            assertThat(reader.deserializer().deserialize(TOPIC, bytes)).isEqualTo(Samples.healthyDeepVolume());
        }
    }

    @Test
    void shouldRequireARegistryUrlNamingTheKey() {
        assertThatThrownBy(() -> new AvroSerializer<VolumeKey>().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value [] for configuration schema.registry.url: missing: the serde needs the"
                        + " schema registry's URL");
    }

    @Test
    void shouldRefuseAReaderTypeThatIsNotAGeneratedClass() {
        assertThatThrownBy(() -> new AvroDeserializer<>(registry).configure(
                Map.of(AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, String.class), false))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value java.lang.String for configuration specific.avro.value.type: not a generated"
                        + " Avro SpecificRecord class");
    }

    private <T extends SpecificRecord> void assertRoundTrip(String topic, Class<T> type, T record, boolean isKey) {
        AvroSerializer<T> serializer = new AvroSerializer<>(registry);
        serializer.configure(Map.of(), isKey);
        AvroDeserializer<T> deserializer = new AvroDeserializer<>(registry, type);
        deserializer.configure(Map.of(), isKey);

        byte[] bytes = serializer.serialize(topic, record);

        assertThat(bytes[0]).isZero();
        assertThat(deserializer.deserialize(topic, bytes)).isEqualTo(record);
    }

    static Schema withExtraField(Schema schema) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(schema.getName())
                .namespace(schema.getNamespace()).fields();
        for (Schema.Field field : schema.getFields()) {
            fields = fields.name(field.name()).type(field.schema()).noDefault();
        }
        return fields.name("pool").type().stringType().stringDefault("unknown").endRecord();
    }
}
