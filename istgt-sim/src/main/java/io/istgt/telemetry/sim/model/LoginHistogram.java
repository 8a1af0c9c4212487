package io.istgt.telemetry.sim.model;

import java.util.List;

/**
 * Login durations in buckets, non-cumulative: {@code counts[i]} holds logins that took more than
 * {@code BOUNDS_MS[i-1]} and at most {@code BOUNDS_MS[i]} ms; the last count is the overflow (more than 5000 ms).
 * No istgt build emits this yet: it is one of the {@code --extended} metrics.
 */
public final class LoginHistogram {

    public static final List<Long> BOUNDS_MS = List.of(1L, 5L, 10L, 50L, 100L, 500L, 1000L, 5000L);

    private final long[] counts = new long[BOUNDS_MS.size() + 1];
    private long sumMs;

    void record(long durationMs) {
        int bucket = 0;
        while (bucket < BOUNDS_MS.size() && durationMs > BOUNDS_MS.get(bucket)) {
            bucket++;
        }
        counts[bucket]++;
        sumMs += durationMs;
    }

    /** One count per bound, then the overflow bucket. */
    public List<Long> counts() {
        return java.util.Arrays.stream(counts).boxed().toList();
    }

    public long sumMs() {
        return sumMs;
    }
}
