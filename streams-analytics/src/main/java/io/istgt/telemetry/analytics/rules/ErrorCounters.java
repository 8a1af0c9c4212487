package io.istgt.telemetry.analytics.rules;

import java.util.Map;

/**
 * The error counters of a volume or a replica as its last answered record gave them, with what the spike rule
 * needs to turn the next reading into deltas: the target's uptime (a smaller one means istgt restarted and its
 * counters started over) and the collector that read them (another collector's clock says nothing about when
 * the errors came).
 *
 * @param uptimeSeconds the target's uptime then, null when the record did not say
 * @param values        last cumulative value of each error family
 * @param spikes        each family's recent deltas and baseline
 * @param source        the collector whose record set {@code values}, null in state written before it was kept
 */
public record ErrorCounters(Long uptimeSeconds, Map<ErrorFamily, Long> values, Map<ErrorFamily, SpikeWindow> spikes,
                            String source) {

    public static final ErrorCounters NONE = new ErrorCounters(null, Map.of(), Map.of(), null);

    public ErrorCounters {
        values = ErrorFamily.copyOf(values);
        spikes = ErrorFamily.copyOf(spikes);
    }
}
