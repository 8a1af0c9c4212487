package io.istgt.telemetry.analytics.rules;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the volume rules need from one volume record: the analytics' own view of it, so the rules do not
 * depend on the shape of the Avro schema (the mapping lives in one place, {@code RecordViews}).
 *
 * @param reachable      false when the collector's poll failed (then only {@code failure} is meaningful)
 * @param failure        the collector's failure kind and message when unreachable
 * @param status         Healthy, Degraded or Offline as istgt reports it; null if the source did not say
 * @param replicaModes   replica id → mode for the replicas present in this snapshot
 * @param uptimeSeconds  istgt's uptime, to tell restarts; null when absent
 * @param errorCounters  volume-level error counters by family (cumulative), absent ones left out
 * @param source         the collector that made the record (its clock stamped {@code at}); null if unknown
 */
public record VolumeObservation(String iqn, Instant at, String target, boolean reachable, String failure,
                                String status, Map<String, String> replicaModes, Long uptimeSeconds,
                                Map<ErrorFamily, Long> errorCounters, String source) {

    public VolumeObservation {
        Objects.requireNonNull(iqn, "iqn");
        Objects.requireNonNull(at, "at");
        replicaModes = Map.copyOf(replicaModes);
        errorCounters = Map.copyOf(errorCounters);
    }

    public int count(String mode) {
        int n = 0;
        for (String m : replicaModes.values()) {
            if (m.equals(mode)) {
                n++;
            }
        }
        return n;
    }
}
