package io.istgt.telemetry.client.snapshot;

import java.util.List;
import java.util.Objects;

/** Validation shared by the snapshot records' compact constructors. */
final class Checks {

    private Checks() {
    }

    /** {@code value} is absent (null) or at least zero. */
    static Long nonNegative(Long value, String name) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }

    static Integer nonNegative(Integer value, String name) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }

    static <T> List<T> copy(List<T> list, String name) {
        return List.copyOf(Objects.requireNonNull(list, name));
    }

    /** A present list copied, an absent one left null. */
    static <T> List<T> copyOrNull(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }
}
