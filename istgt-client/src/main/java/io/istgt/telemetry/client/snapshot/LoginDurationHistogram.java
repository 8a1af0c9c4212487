package io.istgt.telemetry.client.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * How long iSCSI logins took (extended ISTGTSTATUS {@code loginDurationHistogram}).
 *
 * @param boundsMs upper bounds of the buckets, ascending
 * @param counts   logins per bucket, NOT cumulative; one more than the bounds, the last counting the logins
 *                 slower than the last bound
 * @param sumMs    total time of all logins
 */
public record LoginDurationHistogram(List<Long> boundsMs, List<Long> counts, Long sumMs) {

    public LoginDurationHistogram {
        boundsMs = Checks.copy(boundsMs, "boundsMs");
        counts = Checks.copy(counts, "counts");
        Objects.requireNonNull(sumMs, "sumMs");
        if (counts.size() != boundsMs.size() + 1) {
            throw new IllegalArgumentException("a login duration histogram needs one count more than bounds (the last "
                    + "counts overflows), got " + boundsMs.size() + " bounds and " + counts.size() + " counts");
        }
        for (int i = 1; i < boundsMs.size(); i++) {
            if (boundsMs.get(i) <= boundsMs.get(i - 1)) {
                throw new IllegalArgumentException("login duration histogram bounds must ascend, got " + boundsMs);
            }
        }
        if (counts.stream().anyMatch(c -> c < 0) || sumMs < 0) {
            throw new IllegalArgumentException("login duration histogram counts and sum must not be negative");
        }
    }

    /** How many logins the histogram counts. */
    public long total() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }
}
