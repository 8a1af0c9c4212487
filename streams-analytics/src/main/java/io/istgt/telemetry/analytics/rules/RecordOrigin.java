package io.istgt.telemetry.analytics.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a status record comes from: the volume it is about, when it was collected, through which target and by
 * which collector.
 *
 * @param at     the collection time, by the collector's clock: the record's event time
 * @param target the collector's name for the istgt control socket it polled
 * @param source the collector that made the record; null if unknown
 */
public record RecordOrigin(String iqn, Instant at, String target, String source) {

    public RecordOrigin {
        Objects.requireNonNull(iqn, "iqn");
        Objects.requireNonNull(at, "at");
    }
}
