package io.istgt.telemetry.collector.publish;

import io.istgt.telemetry.client.snapshot.ReadWriteSync;

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
        return digits(text, 9) ? Integer.valueOf(text) : null;
    }

    static Long longOrNull(String text) {
        return digits(text, 18) ? Long.valueOf(text) : null;
    }

    /**
     * {@code text} is 1 to {@code max} ASCII digits: what the regex {@code \d{1,max}} matches, without compiling
     * one per call (this runs for every session parameter of every poll).
     */
    static boolean digits(String text, int max) {
        if (text == null || text.isEmpty() || text.length() > max) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** istgt's {@code Yes}/{@code No}; null for anything else. */
    static Boolean yesNo(String text) {
        if ("Yes".equalsIgnoreCase(text)) {
            return Boolean.TRUE;
        }
        return "No".equalsIgnoreCase(text) ? Boolean.FALSE : null;
    }
}
