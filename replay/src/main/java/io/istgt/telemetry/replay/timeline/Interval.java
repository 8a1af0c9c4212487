package io.istgt.telemetry.replay.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A span of a lane in one state: from the first snapshot showing it to the first snapshot showing something
 * else (or the end of the data).
 *
 * @param detail  what else the snapshots said (replica counts, the failure's message), may be empty
 * @param io      the counters' deltas over the span
 * @param records how many snapshots fell in it
 */
public record Interval(Instant start, Instant end, LaneState state, String detail, IoAggregate.Snapshot io,
                       long records) {

    public Interval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(state, "state");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("interval ends (" + end + ") before it starts (" + start + ")");
        }
        detail = detail == null ? "" : detail;
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
