package io.istgt.telemetry.replay.timeline;

import java.math.BigInteger;
import java.util.Comparator;

/** Replica ids are unsigned 64-bit GUIDs in decimal: order them by value, not as text. */
final class ReplicaOrder {

    static final Comparator<String> COMPARATOR = Comparator.comparing(ReplicaOrder::numeric,
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Comparator.naturalOrder());

    private ReplicaOrder() {
    }

    private static BigInteger numeric(String id) {
        return id.matches("\\d{1,40}") ? new BigInteger(id) : null;
    }
}
