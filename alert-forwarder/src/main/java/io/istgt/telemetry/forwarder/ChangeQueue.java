package io.istgt.telemetry.forwarder;

import io.istgt.telemetry.schemas.Alert;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.TopicPartition;

/**
 * The changes one Alertmanager has still to accept, in the order read: the Kafka thread adds, the sender takes
 * from the head only once they are delivered, so what a failed send leaves stays first.
 */
final class ChangeQueue {

    /** One record of {@code istgt.alerts}: where it was read, so its offset is committed once delivered. */
    record Change(TopicPartition partition, long offset, Alert alert) {
        Change {
            Objects.requireNonNull(partition, "partition");
            Objects.requireNonNull(alert, "alert");
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private final ArrayDeque<Change> changes = new ArrayDeque<>();
    private boolean woken;

    void add(Change change) {
        lock.lock();
        try {
            changes.addLast(change);
            added.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Up to {@code max} changes from the head, left in the queue. */
    List<Change> peek(int max) {
        lock.lock();
        try {
            List<Change> head = new ArrayList<>(Math.min(max, changes.size()));
            for (Change c : changes) {
                if (head.size() == max) {
                    break;
                }
                head.add(c);
            }
            return head;
        } finally {
            lock.unlock();
        }
    }

    /** Removes the {@code count} changes at the head (those {@link #peek} gave and that were delivered). */
    void removeHead(int count) {
        lock.lock();
        try {
            for (int i = 0; i < count; i++) {
                changes.removeFirst();
            }
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return changes.size();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code max} for a change (or a {@link #wake()}); true when there is one. */
    boolean await(Duration max) throws InterruptedException {
        lock.lock();
        try {
            long nanos = max.toNanos();
            while (changes.isEmpty() && !woken && nanos > 0) {
                nanos = added.awaitNanos(nanos);
            }
            woken = false;
            return !changes.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Ends a waiting {@link #await} early (to re-send at once, or to stop). */
    void wake() {
        lock.lock();
        try {
            woken = true;
            added.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
