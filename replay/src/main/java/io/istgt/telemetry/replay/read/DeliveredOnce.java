package io.istgt.telemetry.replay.read;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Passes on each key's records once and in collection-time order: a record not later than the last one passed
 * on for its key is dropped, be it a copy (a history block repeats records after a writer restart, and the
 * history and live topics overlap) or out of order. Keeps one instant per key, whatever the number of records.
 */
final class DeliveredOnce<K, V> {

    private final Map<K, Instant> last = new HashMap<>();
    private final Function<V, Instant> collectedAt;
    private final Consumer<V> sink;
    private long delivered;

    DeliveredOnce(Function<V, Instant> collectedAt, Consumer<V> sink) {
        this.collectedAt = collectedAt;
        this.sink = sink;
    }

    /** @return whether the record was passed on */
    boolean offer(K key, V record) {
        Instant at = collectedAt.apply(record);
        Instant before = last.get(key);
        if (before != null && !at.isAfter(before)) {
            return false;
        }
        last.put(key, at);
        sink.accept(record);
        delivered++;
        return true;
    }

    long delivered() {
        return delivered;
    }
}
