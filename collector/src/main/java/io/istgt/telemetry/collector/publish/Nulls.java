package io.istgt.telemetry.collector.publish;

import io.istgt.telemetry.collector.snapshot.ReadWriteSync;

/** Null-aware helpers: an absent value stays absent, never becomes a zero. */
final class Nulls {

    private Nulls() {
    }

    static boolean allPresent(Object... values) {
        for (Object v : values) {
            if (v == null) {
                return false;
            }
        }
        return true;
    }

    /** read + write + sync over the present ones; null when the group or all three are absent. */
    static Long sum(ReadWriteSync rws) {
        if (rws == null) {
            return null;
        }
        Long total = null;
        for (Long v : new Long[] {rws.read(), rws.write(), rws.sync()}) {
            if (v != null) {
                total = total == null ? v : Math.addExact(total, v);
            }
        }
        return total;
    }

    static Integer intOrNull(String text) {
        return text != null && text.matches("\\d{1,9}") ? Integer.valueOf(text) : null;
    }

    static Long longOrNull(String text) {
        return text != null && text.matches("\\d{1,18}") ? Long.valueOf(text) : null;
    }

    /** istgt's {@code Yes}/{@code No}; null for anything else. */
    static Boolean yesNo(String text) {
        if ("Yes".equalsIgnoreCase(text)) {
            return Boolean.TRUE;
        }
        return "No".equalsIgnoreCase(text) ? Boolean.FALSE : null;
    }
}
