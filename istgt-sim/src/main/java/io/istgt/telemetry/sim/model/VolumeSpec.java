package io.istgt.telemetry.sim.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything fixed about one emulated volume.
 *
 * @param lun             istgt's logical unit number ({@code LU1} ...), unique within one istgt
 * @param pools           the replicas' pools in connection order
 * @param firstPorts      the replica ports of the first connections (then seeded random ones)
 * @param connectStagger  replica i (from 0) connects {@code (i + 1) * stagger} after istgt starts
 * @param revisionBase    the IO sequence number the replicas report when they first connect
 */
public record VolumeSpec(String name, String iqn, int lun, long sizeBytes, int sectorSize, ReplicationRules rules,
                         Duration rebuildTime, double ioRateIops, IoMix ioMix, long seed, long revisionBase,
                         List<ReplicaPool> pools, List<Integer> firstPorts, Duration connectStagger) {

    public VolumeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(iqn, "iqn");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(ioMix, "ioMix");
        pools = List.copyOf(pools);
        firstPorts = List.copyOf(firstPorts);
        if (rebuildTime.isNegative()) {
            throw new IllegalArgumentException("rebuild time must not be negative, got " + rebuildTime);
        }
        if (sectorSize <= 0 || sizeBytes <= 0) {
            throw new IllegalArgumentException("volume " + name + " needs a positive size and sector size");
        }
    }
}
