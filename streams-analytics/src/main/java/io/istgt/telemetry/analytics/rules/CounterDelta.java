package io.istgt.telemetry.analytics.rules;

/**
 * How much a cumulative istgt counter moved between two snapshots of one target.
 *
 * <p>istgt's counters start from zero when istgt restarts (its uptime drops too). A counter that went down,
 * or any counter after the uptime went down, has been reset: what it shows now is what accumulated since the
 * restart, so that is the delta (Prometheus' {@code increase()} reads resets the same way). A delta is never
 * negative, and never the difference across a reset, which would be huge or negative.
 */
public final class CounterDelta {

    private CounterDelta() {
    }

    /**
     * @param previous   the counter in the previous snapshot, or null when it was absent
     * @param current    the counter now, or null when absent
     * @param restarted  whether the target restarted in between (its uptime went down)
     * @return the increase, or null when it cannot be told (either side absent: a build that lacks the
     *         counter must not look like a quiet counter)
     */
    public static Long of(Long previous, Long current, boolean restarted) {
        if (previous == null || current == null) {
            return null;
        }
        if (restarted || Long.compareUnsigned(current, previous) < 0) {
            return current;
        }
        return current - previous;
    }

    /** A target restarted when its uptime went down (both known). */
    public static boolean restarted(Long previousUptime, Long currentUptime) {
        return previousUptime != null && currentUptime != null && currentUptime < previousUptime;
    }
}
