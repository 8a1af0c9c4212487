package io.istgt.telemetry.sim.model;

import java.util.SplittableRandom;

/**
 * How long one replica takes per IO, fixed per replica from the seed so counters are deterministic. The sizes
 * follow the captures: a request costs tens of nanoseconds to send, a response about a tenth of the volume's
 * IO time.
 */
record ReplicaTiming(long requestNs, long readResponseNs, long writeResponseNs, long syncResponseNs) {

    static ReplicaTiming derive(long seed, long guid, IoTiming volume) {
        SplittableRandom random = new SplittableRandom(seed ^ (guid * 0x9E3779B97F4A7C15L));
        return new ReplicaTiming(
                25 + random.nextLong(50),
                volume.readNs() / 12 + random.nextLong(Math.max(1, volume.readNs() / 40)),
                volume.writeNs() / 26 + random.nextLong(Math.max(1, volume.writeNs() / 80)),
                volume.syncNs() / 10 + random.nextLong(Math.max(1, volume.syncNs() / 40)));
    }

    long responseNs(ScsiOp.Kind kind) {
        return switch (kind) {
            case READ -> readResponseNs;
            case WRITE -> writeResponseNs;
            case SYNC -> syncResponseNs;
        };
    }
}
