package io.istgt.telemetry.collector.kafka;

import io.istgt.telemetry.collector.publish.OutboundRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records whose send finally failed, kept in memory per target for the target's next poll to send again. Each
 * target keeps at most {@code capacityPerTarget}, the newest: when full, the oldest is dropped (and counted by
 * the caller), because a consumer learns more from a recent poll than from one long past, and one target with
 * many volumes must not crowd out the others.
 */
final class RetryBuffer {

    private final int capacityPerTarget;
    private final Map<String, Deque<OutboundRecord>> byTarget = new HashMap<>();
    private int size;

    RetryBuffer(int capacityPerTarget) {
        if (capacityPerTarget < 0) {
            throw new IllegalArgumentException("retry buffer capacity must not be negative, got " + capacityPerTarget);
        }
        this.capacityPerTarget = capacityPerTarget;
    }

    /**
     * Keeps {@code record} for {@code target}.
     *
     * @return how many records were dropped to make room (0 or 1; 1 and nothing kept with capacity 0)
     */
    synchronized int add(String target, OutboundRecord record) {
        if (capacityPerTarget == 0) {
            return 1;
        }
        Deque<OutboundRecord> queue = byTarget.computeIfAbsent(target, t -> new ArrayDeque<>());
        int dropped = 0;
        if (queue.size() == capacityPerTarget) {
            queue.removeFirst();
            dropped = 1;
        } else {
            size++;
        }
        queue.addLast(record);
        return dropped;
    }

    /** Takes every record kept for {@code target}, oldest first. */
    synchronized List<OutboundRecord> drain(String target) {
        Deque<OutboundRecord> queue = byTarget.remove(target);
        if (queue == null) {
            return List.of();
        }
        size -= queue.size();
        return new ArrayList<>(queue);
    }

    /** Takes every record kept, of every target. */
    synchronized Map<String, List<OutboundRecord>> drainAll() {
        Map<String, List<OutboundRecord>> all = new HashMap<>();
        byTarget.forEach((target, queue) -> all.put(target, new ArrayList<>(queue)));
        byTarget.clear();
        size = 0;
        return all;
    }

    synchronized int size() {
        return size;
    }

    int capacityPerTarget() {
        return capacityPerTarget;
    }
}
