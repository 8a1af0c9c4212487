package io.istgt.telemetry.sim.model;

import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Momentary load of a volume's replicas (in-flight IOs, queue lengths), which istgt samples rather than
 * counts. Estimated by Little's law from the current rate and the replica's latency, with a jitter that is
 * fixed per second so that every read within one second agrees and runs are reproducible.
 */
final class LoadGauge {

    private final long seed;
    private final IoMix mix;
    private final IoGenerator io;

    LoadGauge(long seed, IoMix mix, IoGenerator io) {
        this.seed = seed;
        this.mix = mix;
        this.io = io;
    }

    long inflight(Replica r, ScsiOp.Kind kind, Instant now) {
        if (!io.active()) {
            return 0;
        }
        int total = mix.weights().values().stream().mapToInt(Integer::intValue).sum();
        int ofKind = mix.weights().entrySet().stream().filter(e -> e.getKey().kind() == kind)
                .mapToInt(Map.Entry::getValue).sum();
        double expected = io.rateIops() * ofKind / total * r.responseNsPerIo(kind) / 1e9;
        return (long) Math.floor(expected + jitter(r.guid(), kind.ordinal(), now));
    }

    long queueLength(Replica r, int queue, Instant now) {
        if (!io.active()) {
            return 0;
        }
        return (long) Math.floor(io.rateIops() / 2000.0 + jitter(r.guid(), 10 + queue, now));
    }

    private double jitter(long guid, int salt, Instant now) {
        long x = seed ^ guid * 0x9E3779B97F4A7C15L ^ (now.getEpochSecond() * 31 + salt) * 0xBF58476D1CE4E5B9L;
        return new SplittableRandom(x).nextDouble();
    }
}
