package io.istgt.telemetry.history;

import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.common.utils.ExponentialBackoff;

/**
 * The history writer's current run of failures: which parties are failing, how long to back off after each
 * failure, and when the run is over. A run ends only when every party that failed has been seen working again
 * (the registry: a poll's records decoded and every block sent; the broker: a commit that found every block
 * acknowledged), not at the first call that does not fail, so a long outage does not look over between tries.
 * Used on the writer's thread only.
 */
final class FailureRun {

    /** 1 s doubling to 30 s, jittered so that writers that failed together do not all come back at once. */
    private static final ExponentialBackoff BACKOFF = new ExponentialBackoff(1_000, 2, 30_000, 0.2);

    private final Set<WriterFailure.Kind> failing = EnumSet.noneOf(WriterFailure.Kind.class);
    private int failures;

    /** Counts a failure of {@code kind}; returns how long to back off, in milliseconds. */
    long failed(WriterFailure.Kind kind) {
        failing.add(kind);
        return BACKOFF.backoff(failures++);
    }

    /** {@code kind} works again; true when that ends the run (nothing else is failing). */
    boolean worked(WriterFailure.Kind kind) {
        failing.remove(kind);
        if (failures > 0 && failing.isEmpty()) {
            failures = 0;
            return true;
        }
        return false;
    }

    /** Failures in the run so far: 0 outside one. */
    int failures() {
        return failures;
    }
}
