package io.istgt.telemetry.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.schemas.Samples;
import io.istgt.telemetry.schemas.VolumeKey;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void shouldFrameWithMagicByteZeroAndBigEndianSchemaId() {
        byte[] framed = WireFormat.frame(0x01020304, new byte[] {42});

        assertThat(framed).containsExactly(0, 1, 2, 3, 4, 42);
    }

    @Test
    void shouldReadTheSchemaIdBack() {
        WireFormat.Framed framed = WireFormat.unframe("t", WireFormat.frame(70_000, new byte[] {1, 2}));

        assertThat(framed.schemaId()).isEqualTo(70_000);
        assertThat(framed.bodyLength()).isEqualTo(2);
    }

    @Test
    void shouldRefuseABadMagicByteNamingTopicAndByte() {
        assertThatThrownBy(() -> WireFormat.unframe("istgt.volume-status", new byte[] {1, 0, 0, 0, 1, 9}))
                .isInstanceOf(WireFormatException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessage("record from topic istgt.volume-status starts with byte 0x01, not the Confluent wire"
                        + " format's magic byte 0x00: it was not written by a schema-registry Avro serializer");
    }

    @Test
    void shouldRefuseAPayloadShorterThanTheHeader() {
        assertThatThrownBy(() -> WireFormat.unframe("t", new byte[] {0, 0, 1}))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("record from topic t has 3 bytes, fewer than the 5-byte header (magic byte 0 + 4-byte"
                        + " schema id) of the Confluent wire format: 000001");
    }

    @Test
    void shouldRefuseAnAvroBodyCutShortNamingTheSchemaId() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        byte[] whole = new AvroSerializer<VolumeKey>(registry).serialize("t", Samples.volumeKey());
        byte[] cut = Arrays.copyOf(whole, whole.length - 10);

        assertThatThrownBy(() -> new AvroDeserializer<>(registry, VolumeKey.class).deserialize("t", cut))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("record from topic t does not decode with its writer schema id 1 ("
                        + (cut.length - 5) + " body bytes): ");
    }
}
