package io.istgt.telemetry.history;

import java.time.Duration;

/**
 * When the history writer closes a block of one key: at {@code records} records, before a record {@code span}
 * (collection time) after its first, or after {@code idle} (wall clock) without one, e.g. a deleted volume.
 */
public record BlockLimits(int records, Duration span, Duration idle) {

    public BlockLimits {
        if (records < 1 || !span.isPositive() || !idle.isPositive()) {
            throw new IllegalArgumentException("a block needs at least one record and a positive span and idle time: "
                    + records + ", " + span + ", " + idle);
        }
    }
}
