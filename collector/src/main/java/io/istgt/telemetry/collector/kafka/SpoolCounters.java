package io.istgt.telemetry.collector.kafka;

import java.util.concurrent.atomic.AtomicLong;

/** Records in the spool not yet delivered nor given up: appended by polls, done by the drainer. */
final class SpoolCounters {

    private final AtomicLong waiting;

    SpoolCounters(long initial) {
        this.waiting = new AtomicLong(initial);
    }

    void appended(int records) {
        waiting.addAndGet(records);
    }

    void done(int records) {
        waiting.addAndGet(-records);
    }

    long waiting() {
        return Math.max(0, waiting.get());
    }
}
