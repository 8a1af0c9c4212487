package io.istgt.telemetry.collector.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads the entries of one segment file from a position up to a limit. A frame that is not whole (a torn
 * write) or whose CRC does not match (damage) is skipped: the reader looks for the next magic from the byte
 * after the bad frame's start, and counts each bad stretch once.
 */
final class SegmentReader {

    private final FileChannel channel;
    private final long limit;
    private long position;
    private long skipped;
    private long lastGoodEnd;

    SegmentReader(FileChannel channel, long position, long limit) {
        this.channel = channel;
        this.position = position;
        this.limit = limit;
        this.lastGoodEnd = position;
    }

    /** The next whole entry, or null at the limit. */
    SpoolEntry next() throws IOException {
        boolean inBadStretch = false;
        ByteBuffer header = ByteBuffer.allocate(EntryCodec.FRAME_HEADER);
        while (position + EntryCodec.FRAME_HEADER <= limit) {
            header.clear();
            readFully(header, position);
            int length = EntryCodec.payloadLength(header);
            if (length >= 0 && position + EntryCodec.FRAME_HEADER + length <= limit) {
                ByteBuffer payload = ByteBuffer.allocate(length);
                readFully(payload, position + EntryCodec.FRAME_HEADER);
                SpoolEntry entry = EntryCodec.decode(payload.flip(), header.getInt(8));
                if (entry != null) {
                    position += EntryCodec.FRAME_HEADER + length;
                    lastGoodEnd = position;
                    return entry;
                }
            }
            if (!inBadStretch) {
                skipped++;
                inBadStretch = true;
            }
            position++;
        }
        if (!inBadStretch && position < limit) {
            // Fewer bytes than a frame header left: the start of a torn write.
            skipped++;
        }
        position = limit;
        return null;
    }

    private void readFully(ByteBuffer b, long at) throws IOException {
        long p = at;
        while (b.hasRemaining()) {
            int n = channel.read(b, p);
            if (n < 0) {
                throw new IOException("segment ended before the announced length at byte " + p);
            }
            p += n;
        }
    }

    /** Where the next entry would start. */
    long position() {
        return position;
    }

    /** The end of the last whole entry read: where a torn tail starts. */
    long lastGoodEnd() {
        return lastGoodEnd;
    }

    /** Damaged or torn stretches skipped so far. */
    long skipped() {
        return skipped;
    }
}
