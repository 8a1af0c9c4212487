package io.istgt.telemetry.collector.kafka;

import io.istgt.telemetry.collector.spool.Checkpoint;
import io.istgt.telemetry.collector.spool.CheckpointStore;
import io.istgt.telemetry.collector.spool.GapBook;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The drainer's memory of delivery (what {@link Checkpoint} persists): how far the spool is delivered, the
 * partitions' watermarks, the records in flight, those known to be in Kafka already, and the pending gap
 * notices. Used by the drainer thread only.
 */
final class DeliveryState {

    private final CheckpointStore store;
    long acked;
    final Map<TopicPartition, Long> watermarks = new HashMap<>();
    List<Checkpoint.InFlight> inFlight = List.of();
    final Set<Checkpoint.Present> present = new HashSet<>();
    final GapBook gaps;
    private boolean dirty;

    DeliveryState(CheckpointStore store, Checkpoint c) {
        this.store = store;
        this.acked = c.acked();
        c.watermarks().forEach((tp, offset) -> watermarks.put(partition(tp), offset));
        this.inFlight = c.inFlight();
        this.present.addAll(c.present());
        this.gaps = new GapBook(c.gaps());
    }

    boolean isPresent(long index, int ordinal) {
        return present.contains(new Checkpoint.Present(index, ordinal));
    }

    int presentIn(long index) {
        int n = 0;
        for (Checkpoint.Present p : present) {
            if (p.index() == index) {
                n++;
            }
        }
        return n;
    }

    /** Entries below {@code index} are done with. */
    void ackedUpTo(long index) {
        if (index > acked) {
            acked = index;
            present.removeIf(p -> p.index() < index);
            dirty = true;
        }
    }

    void changed() {
        dirty = true;
    }

    void persist() throws IOException {
        Map<String, Long> marks = new HashMap<>();
        watermarks.forEach((tp, offset) -> marks.put(tp.topic() + ":" + tp.partition(), offset));
        store.write(new Checkpoint(acked, marks, inFlight, new ArrayList<>(present), gaps.snapshot()));
        dirty = false;
    }

    void persistIfChanged() throws IOException {
        if (dirty) {
            persist();
        }
    }

    private static TopicPartition partition(String topicColonPartition) {
        int colon = topicColonPartition.lastIndexOf(':');
        return new TopicPartition(topicColonPartition.substring(0, colon),
                Integer.parseInt(topicColonPartition.substring(colon + 1)));
    }
}
