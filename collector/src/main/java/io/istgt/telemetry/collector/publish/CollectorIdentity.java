package io.istgt.telemetry.collector.publish;

import java.time.Instant;
import java.util.Objects;

/**
 * Which collector run made a record: with the target it names one run of the per-target sequence.
 *
 * @param collectorId stable name of the collector instance (by default the host or pod name)
 * @param startedAt   when this collector process started
 */
public record CollectorIdentity(String collectorId, Instant startedAt) {

    public CollectorIdentity {
        Objects.requireNonNull(collectorId, "collectorId");
        Objects.requireNonNull(startedAt, "startedAt");
        if (collectorId.isBlank()) {
            throw new IllegalArgumentException("collectorId must not be blank");
        }
    }
}
