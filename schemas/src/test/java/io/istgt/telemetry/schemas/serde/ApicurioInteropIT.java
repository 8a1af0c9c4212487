package io.istgt.telemetry.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.Samples;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * An independent reader: Apicurio's own Kafka deserializer, speaking Apicurio's native API to the same registry,
 * reads what our serializer wrote through the Confluent-compatible API.
 */
class ApicurioInteropIT {

    private final ApicurioRegistry registry = ApicurioRegistry.shared();

    @Test
    void shouldBeReadableByApicuriosDeserializerInConfluentFormat() throws Exception {
        assertApicurioReads("it.interop-volume", Samples.healthyDeepVolume());
        assertApicurioReads("it.interop-volume", Samples.unreachableVolume());
        assertApicurioReads("it.interop-replica", Samples.connectedReplica(Samples.BIG_REPLICA_ID));
    }

    private void assertApicurioReads(String topic, SpecificRecord record) throws Exception {
        byte[] ours;
        try (HttpSchemaRegistryClient client = HttpSchemaRegistryClient.builder()
                .urls(List.of(registry.ccompatUrl())).build()) {
            ours = new AvroSerializer<SpecificRecord>(client).serialize(topic, record);
        }

        GenericRecord theirs;
        try (AvroKafkaDeserializer<GenericRecord> apicurio = new AvroKafkaDeserializer<>()) {
            apicurio.configure(Map.of(
                    "apicurio.registry.url", registry.apicurioV3Url(),
                    "apicurio.registry.headers.enabled", false,
                    "apicurio.registry.use-id", "contentId"), false);
            theirs = apicurio.deserialize(topic, ours);
        }

        // Same schema and same bytes when re-encoded: Apicurio decoded every field as we wrote it.
        assertThat(theirs.getSchema()).isEqualTo(record.getSchema());
        assertThat(encode(theirs)).isEqualTo(Arrays.copyOfRange(ours, 5, ours.length));
        assertThat(theirs.get("iqn")).hasToString(Samples.IQN);
        if (record instanceof VolumeStatus) {
            assertThat(((GenericRecord) theirs.get("metadata")).get("collectedAt"))
                    .isEqualTo(Samples.COLLECTED_AT.toEpochMilli());
        } else if (record instanceof ReplicaStatus replica) {
            assertThat(theirs.get("replicaId")).hasToString(replica.getReplicaId());
        }
    }

    private static byte[] encode(GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
