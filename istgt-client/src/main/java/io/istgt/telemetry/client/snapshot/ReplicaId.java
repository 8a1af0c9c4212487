package io.istgt.telemetry.client.snapshot;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A replica's id: in production the 64-bit GUID of its pool, unsigned, so it may not fit a Java long
 * (e.g. {@code 16178149552629799470}). Kept as its canonical decimal text.
 */
public record ReplicaId(String value) implements Comparable<ReplicaId> {

    /** 2^64-1: of two strings of 20 digits, the one that sorts later as text is the larger number. */
    private static final String MAX = "18446744073709551615";

    public ReplicaId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > 20 || !digits(value)) {
            throw new IllegalArgumentException(
                    "a replica id must be an unsigned 64-bit decimal number, got '" + value + "'");
        }
        // Up to 19 digits always fits: only a 20-digit id can exceed 2^64-1.
        if ((value.length() > 1 && value.charAt(0) == '0')
                || (value.length() == 20 && value.compareTo(MAX) > 0)) {
            throw new IllegalArgumentException(
                    "a replica id must be an unsigned 64-bit decimal number without leading zeros, got '" + value + "'");
        }
    }

    private static boolean digits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public static ReplicaId of(String value) {
        return new ReplicaId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** Numeric order, so that 6161 sorts before 16178149552629799470. */
    @Override
    public int compareTo(ReplicaId other) {
        int byLength = Integer.compare(value.length(), other.value.length());
        return byLength != 0 ? byLength : value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
