package io.istgt.telemetry.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Scans of received bytes eight at a time (one {@code long} per step), for the client's framing: a reply of a
 * few kilobytes is searched for its line ends on every poll, and a loop over single bytes cannot be vectorized
 * by the JIT because it stops at the first hit.
 */
public final class LineBytes {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private LineBytes() {
    }

    /** The index of the first {@code b} in {@code bytes[from, to)}, or -1. */
    public static int indexOf(byte[] bytes, int from, int to, byte b) {
        Objects.checkFromToIndex(from, to, bytes.length);
        long pattern = ONES * (b & 0xff);
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i) ^ pattern;
            // The high bit of each byte that is zero in word (equal to b); a borrow can only mark bytes after
            // the first such one, so the lowest mark (the first byte, little-endian) is exact.
            long found = (word - ONES) & ~word & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
