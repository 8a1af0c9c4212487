package io.istgt.telemetry.sim;

import io.istgt.telemetry.sim.model.ReplicaPool;
import io.istgt.telemetry.sim.model.VolumeSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Names, ids and addresses of emulated volumes. A single istgt looks like the captures (vol1, replicas
 * 6161-6163 on 127.0.0.1, ports 41100/41110/41112); a cluster looks like production (pvc-UUID names, 64-bit
 * replica GUIDs with the first of each volume above Long.MAX_VALUE, pod IPs). All of it follows the seed.
 */
final class VolumePlans {

    static final String IQN_PREFIX = "iqn.2016-09.com.openebs.cstor:";
    private static final List<Integer> CAPTURED_PORTS = List.of(41100, 41110, 41112);
    private static final long CAPTURED_REVISION = 1_049_576L;

    private VolumePlans() {
    }

    /** The volumes of a single istgt: vol1, vol2, ... */
    static List<VolumeSpec> single(SimConfig config) {
        SimConfig.ReplicaIds ids = config.replicaIds() == null ? SimConfig.ReplicaIds.SMALL : config.replicaIds();
        List<VolumeSpec> specs = new ArrayList<>();
        for (int v = 0; v < config.volumesPerTarget(); v++) {
            specs.add(spec(config, "vol" + (v + 1), v, v + 1, ids, v == 0));
        }
        return specs;
    }

    /** The volumes of the cluster's istgt number {@code target}, {@code count} of them. */
    static List<VolumeSpec> clusterTarget(SimConfig config, int firstVolume, int count) {
        SimConfig.ReplicaIds ids = config.replicaIds() == null ? SimConfig.ReplicaIds.GUID : config.replicaIds();
        List<VolumeSpec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int global = firstVolume + i;
            SplittableRandom names = new SplittableRandom(config.seed() * 7919 + global);
            long hi = (names.nextLong() & ~0xF000L) | 0x4000L;
            long lo = (names.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            specs.add(spec(config, "pvc-" + new UUID(hi, lo), global, i + 1, ids, false));
        }
        return specs;
    }

    private static VolumeSpec spec(SimConfig config, String name, int global, int lun, SimConfig.ReplicaIds ids,
                                   boolean likeCaptures) {
        long seed = config.seed() * 1_000_003L + global;
        SplittableRandom random = new SplittableRandom(seed);
        List<ReplicaPool> pools = new ArrayList<>();
        for (int i = 0; i < config.replicas(); i++) {
            boolean quorum = i < config.replicationFactor();
            if (ids == SimConfig.ReplicaIds.SMALL) {
                pools.add(new ReplicaPool(6161 + 10L * global + i, "127.0.0.1", quorum));
            } else {
                long guid = random.nextLong();
                if (i == 0) {
                    guid |= Long.MIN_VALUE; // production GUIDs exceed a Java long: make sure each volume shows one
                }
                pools.add(new ReplicaPool(guid, "10.244." + random.nextInt(1, 255) + "." + random.nextInt(1, 255),
                        quorum));
            }
        }
        return new VolumeSpec(name, IQN_PREFIX + name, lun, config.volumeSizeBytes(), 512, config.rules(),
                config.rebuildTime(), config.ioRate(), config.ioMix(), seed,
                likeCaptures ? CAPTURED_REVISION : 1000 + (1L << 20) * random.nextInt(1, 64),
                pools, likeCaptures ? CAPTURED_PORTS : List.of(), config.connectStagger());
    }
}
