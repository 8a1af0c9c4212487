package io.istgt.telemetry.replay.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns one lane's state per snapshot into intervals: a new interval starts whenever the state changes. */
final class IntervalTracker {

    private final List<Interval> closed = new ArrayList<>();
    private Instant start;
    private LaneState state;
    private String detail;
    private IoAggregate io;
    private long records;

    /** The state seen by the snapshot at {@code at}; the detail of the interval's latest snapshot is kept. */
    void observe(Instant at, LaneState seen, String seenDetail) {
        if (state != seen) {
            close(at);
            start = at;
            state = seen;
            io = new IoAggregate();
            records = 0;
        }
        detail = seenDetail;
        records++;
    }

    /** The counters of the open interval (null before the first snapshot). */
    IoAggregate current() {
        return io;
    }

    LaneState state() {
        return state;
    }

    /** Closes the open interval at {@code end} and returns every interval, oldest first. */
    List<Interval> finish(Instant end) {
        close(end);
        return List.copyOf(closed);
    }

    private void close(Instant end) {
        if (state == null) {
            return;
        }
        Instant stop = end.isBefore(start) ? start : end;
        closed.add(new Interval(start, stop, state, detail, io.snapshot(), records));
        state = null;
    }
}
