package io.istgt.telemetry.collector.spool;

import io.istgt.telemetry.collector.publish.RecordStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An entry on disk: a frame of {@code magic, payload length, CRC-32C of the payload} (12 bytes), then the
 * payload. The magic lets a reader find the next entry after a damaged one; length and CRC tell a torn or
 * damaged entry from a whole one.
 */
final class EntryCodec {

    static final int MAGIC = 0x49535031; // "ISP1"
    static final int FRAME_HEADER = 12;
    /** No poll's records come near this; a larger length field is damage. */
    static final int MAX_PAYLOAD = 64 << 20;
    private static final RecordStream[] STREAMS = RecordStream.values();

    private EntryCodec() {
    }

    static ByteBuffer encode(SpoolEntry e) {
        byte[] target = e.target().getBytes(StandardCharsets.UTF_8);
        int size = 8 + 4 + target.length + 8 + 8 + 8 + 4;
        for (SpooledRecord r : e.records()) {
            size += r.encodedSize();
        }
        ByteBuffer b = ByteBuffer.allocate(FRAME_HEADER + size);
        b.putInt(MAGIC).putInt(size).putInt(0);
        b.putLong(e.index()).putInt(target.length).put(target).putLong(e.runStartedAtMillis()).putLong(e.sequence())
                .putLong(e.collectedAtMillis()).putInt(e.records().size());
        for (SpooledRecord r : e.records()) {
            b.put((byte) r.stream().ordinal()).putLong(r.keySchema()).putInt(r.key().length).put(r.key())
                    .putLong(r.valueSchema()).putInt(r.value().length).put(r.value());
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), FRAME_HEADER, size);
        b.putInt(8, (int) crc.getValue());
        return b.flip();
    }

    /** The payload length a frame header announces, or -1 when it is no frame header. */
    static int payloadLength(ByteBuffer header) {
        if (header.getInt(0) != MAGIC) {
            return -1;
        }
        int length = header.getInt(4);
        return length < 0 || length > MAX_PAYLOAD ? -1 : length;
    }

    /** Decodes a payload whose CRC matches {@code expectedCrc}; null when it does not, or it does not parse. */
    static SpoolEntry decode(ByteBuffer payload, int expectedCrc) {
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        if ((int) crc.getValue() != expectedCrc) {
            return null;
        }
        try {
            long index = payload.getLong();
            byte[] target = new byte[payload.getInt()];
            payload.get(target);
            long run = payload.getLong();
            long sequence = payload.getLong();
            long collectedAt = payload.getLong();
            int count = payload.getInt();
            List<SpooledRecord> records = new ArrayList<>(Math.min(count, 1024));
            for (int i = 0; i < count; i++) {
                RecordStream stream = STREAMS[payload.get()];
                long keySchema = payload.getLong();
                byte[] key = new byte[payload.getInt()];
                payload.get(key);
                long valueSchema = payload.getLong();
                byte[] value = new byte[payload.getInt()];
                payload.get(value);
                records.add(new SpooledRecord(stream, keySchema, key, valueSchema, value));
            }
            return new SpoolEntry(index, new String(target, StandardCharsets.UTF_8), run, sequence, collectedAt,
                    records);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            // A matching CRC over bytes that do not parse: written by something else. Treated as damage.
            return null;
        }
    }
}
