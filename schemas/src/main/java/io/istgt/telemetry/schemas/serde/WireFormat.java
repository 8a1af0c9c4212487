package io.istgt.telemetry.schemas.serde;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then Avro binary. */
public final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    /** A framed record: the writer schema's id and where the Avro body starts in {@code data}. */
    record Framed(int schemaId, byte[] data) {
        int bodyOffset() {
            return HEADER_LENGTH;
        }

        int bodyLength() {
            return data.length - HEADER_LENGTH;
        }
    }

    /** Writes the 5-byte header (magic byte, big-endian schema id) at {@code offset} of {@code into}. */
    static void writeHeader(byte[] into, int offset, int schemaId) {
        into[offset] = MAGIC_BYTE;
        into[offset + 1] = (byte) (schemaId >>> 24);
        into[offset + 2] = (byte) (schemaId >>> 16);
        into[offset + 3] = (byte) (schemaId >>> 8);
        into[offset + 4] = (byte) schemaId;
    }

    /** The framed record: the header, then {@code avro}. */
    public static byte[] frame(int schemaId, byte[] avro) {
        return ByteBuffer.allocate(HEADER_LENGTH + avro.length).put(MAGIC_BYTE).putInt(schemaId).put(avro).array();
    }

    static Framed unframe(String topic, byte[] data) {
        if (data.length < HEADER_LENGTH) {
            throw new WireFormatException("record from topic " + topic + " has " + data.length
                    + " bytes, fewer than the 5-byte header (magic byte 0 + 4-byte schema id) of the Confluent wire"
                    + " format: " + HexFormat.of().formatHex(data));
        }
        if (data[0] != MAGIC_BYTE) {
            throw new WireFormatException("record from topic " + topic + " starts with byte 0x"
                    + HexFormat.of().toHexDigits(data[0]) + ", not the Confluent wire format's magic byte 0x00:"
                    + " it was not written by a schema-registry Avro serializer");
        }
        return new Framed(ByteBuffer.wrap(data, 1, 4).getInt(), data);
    }
}
