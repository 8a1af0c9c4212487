package io.istgt.telemetry.analytics.rules;

import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * The thresholds the rules run with: from the analytics' configuration, or from a replay's other config.
 *
 * @param unreachable      when failed polls make a target unreachable
 * @param replicaGoneAfter how long a replica may be absent before the rules stop reporting it (and forget it)
 * @param severity         alert kind → its severity
 */
public record RuleSettings(Duration resolveAfter, SpikeWindow.Thresholds spikes, int replicationFactor,
                           int consistencyFactor, Duration stuckIoAfter, Unreachable unreachable,
                           Duration replicaGoneAfter, Function<AlertKind, Severity> severity) {

    /**
     * A target is unreachable once its polls have failed {@code failedPolls} times in a row, the first of them at
     * least {@code after} before the latest: both, so that neither one slow poll at a short interval (istgt
     * answers late while a replica connects) nor two failed polls at a long one page.
     */
    public record Unreachable(int failedPolls, Duration after) {

        public Unreachable {
            Objects.requireNonNull(after, "after");
            if (failedPolls < 1) {
                throw new IllegalArgumentException("failed polls must be at least 1, got " + failedPolls);
            }
            if (after.isNegative()) {
                throw new IllegalArgumentException("the span of the failed polls must not be negative, got " + after);
            }
        }

        /** Whether {@code count} failed polls in a row, the first at {@code since}, make it unreachable at {@code at}. */
        public boolean reached(int count, Instant since, Instant at) {
            return count >= failedPolls && !at.isBefore(since.plus(after));
        }
    }

    public RuleSettings {
        Objects.requireNonNull(resolveAfter, "resolveAfter");
        Objects.requireNonNull(spikes, "spikes");
        Objects.requireNonNull(stuckIoAfter, "stuckIoAfter");
        Objects.requireNonNull(unreachable, "unreachable");
        Objects.requireNonNull(replicaGoneAfter, "replicaGoneAfter");
        Objects.requireNonNull(severity, "severity");
        if (consistencyFactor < 1 || consistencyFactor > replicationFactor) {
            throw new IllegalArgumentException("consistency factor must be in [1, replication factor "
                    + replicationFactor + "], got " + consistencyFactor);
        }
        if (!replicaGoneAfter.isPositive()) {
            throw new IllegalArgumentException("replicaGoneAfter must be positive, got " + replicaGoneAfter);
        }
    }

    /**
     * The RF, CF and desired replica count a volume is judged by: its own, when its record reports a consistent RF
     * and CF (istgt.conf), else the configured pair; the desired count is the record's DesiredReplicationFactor,
     * else the RF used. The one place the rules learn them.
     */
    public Quorum quorum(Quorum.Reported reported) {
        Integer rf = positive(reported.replicationFactor());
        Integer cf = positive(reported.consistencyFactor());
        Integer desired = positive(reported.desiredReplicationFactor());
        if (rf != null && cf != null && cf <= rf) {
            return new Quorum(rf, cf, desired != null ? desired : rf, true);
        }
        return new Quorum(replicationFactor, consistencyFactor, desired != null ? desired : replicationFactor, false);
    }

    private static Integer positive(Integer n) {
        return n != null && n > 0 ? n : null;
    }
}
