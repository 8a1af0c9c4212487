package io.istgt.telemetry.analytics.topology;

import io.istgt.telemetry.analytics.rules.AlertEpisode;
import io.istgt.telemetry.analytics.rules.ErrorFamily;
import io.istgt.telemetry.analytics.rules.SpikeWindow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The primitives of the binary state format ({@link BinaryStateSerde}): zigzag varints, nullable values behind
 * a presence byte or a length + 1 (0 is null), and the parts both state records share. Error families are
 * written by name, not ordinal, so reordering the enum cannot change what stored state means.
 */
final class StateBytes {

    private StateBytes() {
    }

    static final class Writer {
        private byte[] buf = new byte[256];
        private int pos;

        byte[] toBytes() {
            return Arrays.copyOf(buf, pos);
        }

        void rawByte(int b) {
            ensure(1);
            buf[pos++] = (byte) b;
        }

        void bool(boolean b) {
            rawByte(b ? 1 : 0);
        }

        void varLong(long v) {
            long z = (v << 1) ^ (v >> 63);
            ensure(10);
            while ((z & ~0x7FL) != 0) {
                buf[pos++] = (byte) ((z & 0x7F) | 0x80);
                z >>>= 7;
            }
            buf[pos++] = (byte) z;
        }

        /** A count or length, with -1 standing for null. */
        void size(int n) {
            varLong(n + 1L);
        }

        void string(String s) {
            if (s == null) {
                size(-1);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            size(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }

        void nullableLong(Long v) {
            bool(v != null);
            if (v != null) {
                varLong(v);
            }
        }

        void nullableDouble(Double v) {
            bool(v != null);
            if (v != null) {
                long bits = Double.doubleToRawLongBits(v);
                ensure(8);
                for (int i = 0; i < 8; i++) {
                    buf[pos++] = (byte) (bits >>> (8 * i));
                }
            }
        }

        void instant(Instant t) {
            bool(t != null);
            if (t != null) {
                varLong(t.getEpochSecond());
                varLong(t.getNano());
            }
        }

        void counters(Map<ErrorFamily, Long> counters) {
            size(counters.size());
            counters.forEach((family, value) -> {
                string(family.name());
                nullableLong(value);
            });
        }

        void spikes(Map<ErrorFamily, SpikeWindow> spikes) {
            size(spikes.size());
            spikes.forEach((family, w) -> {
                string(family.name());
                size(w.deltas().size());
                for (SpikeWindow.TimedDelta d : w.deltas()) {
                    instant(d.at());
                    varLong(d.delta());
                }
                nullableDouble(w.baseline());
                instant(w.baselineAt());
            });
        }

        void episodes(Map<String, AlertEpisode> episodes) {
            size(episodes.size());
            episodes.forEach((name, e) -> {
                string(name);
                instant(e.firingSince());
                instant(e.clearSince());
                string(e.lastDetail());
            });
        }

        private void ensure(int n) {
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }
    }

    static final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] buf, int pos) {
            this.buf = buf;
            this.pos = pos;
        }

        /** Whether every byte was read: trailing bytes mean a format this code does not know. */
        boolean atEnd() {
            return pos == buf.length;
        }

        int rawByte() {
            if (pos >= buf.length) {
                throw new IllegalArgumentException("state truncated at byte " + pos);
            }
            return buf[pos++] & 0xFF;
        }

        boolean bool() {
            int b = rawByte();
            if (b > 1) {
                throw new IllegalArgumentException("not a boolean: " + b + " at byte " + (pos - 1));
            }
            return b == 1;
        }

        long varLong() {
            long z = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = rawByte();
                z |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return (z >>> 1) ^ -(z & 1);
                }
            }
            throw new IllegalArgumentException("varint longer than 10 bytes at byte " + pos);
        }

        int size() {
            long n = varLong() - 1;
            if (n < -1 || n > buf.length - pos) {
                throw new IllegalArgumentException("bad length " + n + " at byte " + pos);
            }
            return (int) n;
        }

        String string() {
            int n = size();
            if (n < 0) {
                return null;
            }
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        Long nullableLong() {
            return bool() ? varLong() : null;
        }

        Double nullableDouble() {
            if (!bool()) {
                return null;
            }
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits |= (long) rawByte() << (8 * i);
            }
            return Double.longBitsToDouble(bits);
        }

        Instant instant() {
            return bool() ? Instant.ofEpochSecond(varLong(), varLong()) : null;
        }

        Map<ErrorFamily, Long> counters() {
            int n = size();
            Map<ErrorFamily, Long> counters = new EnumMap<>(ErrorFamily.class);
            for (int i = 0; i < n; i++) {
                counters.put(ErrorFamily.valueOf(string()), nullableLong());
            }
            return counters;
        }

        Map<ErrorFamily, SpikeWindow> spikes() {
            int n = size();
            Map<ErrorFamily, SpikeWindow> spikes = new EnumMap<>(ErrorFamily.class);
            for (int i = 0; i < n; i++) {
                ErrorFamily family = ErrorFamily.valueOf(string());
                int deltas = size();
                List<SpikeWindow.TimedDelta> list = new ArrayList<>(Math.max(deltas, 0));
                for (int d = 0; d < deltas; d++) {
                    list.add(new SpikeWindow.TimedDelta(instant(), varLong()));
                }
                spikes.put(family, new SpikeWindow(list, nullableDouble(), instant()));
            }
            return spikes;
        }

        Map<String, AlertEpisode> episodes() {
            int n = size();
            Map<String, AlertEpisode> episodes = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                episodes.put(string(), new AlertEpisode(instant(), instant(), string()));
            }
            return episodes;
        }
    }
}
