package io.istgt.telemetry.sim.model;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

/**
 * The traffic of one volume as a function of time: between two changes (rate, readiness) IOs arrive at a
 * constant rate, and the number done by time t is {@code floor(elapsed ms * rate / 1000)} since the change.
 * No thread runs: the volume calls {@link #accrueTo} when someone looks, so idle volumes cost nothing.
 */
final class IoGenerator {

    /** Receives the IOs of one accrual, split by command. */
    interface Sink {
        void record(ScsiOp op, long count);
    }

    private final IoMix mix;
    private long rateMilliIops;
    private boolean active;
    private Instant segmentStart;
    private long iosAtSegmentStart;
    private long iosDone;

    IoGenerator(IoMix mix, double iops, Instant start) {
        this.mix = mix;
        this.rateMilliIops = toMilli(iops);
        this.segmentStart = start;
    }

    /** Sets the traffic from {@code at} on; the caller has accrued up to {@code at} first. */
    void restartSegment(Instant at, boolean ready) {
        segmentStart = at;
        iosAtSegmentStart = iosDone;
        active = ready && rateMilliIops > 0;
    }

    void setRate(double iops) {
        rateMilliIops = toMilli(iops);
    }

    double rateIops() {
        return rateMilliIops / 1000.0;
    }

    boolean active() {
        return active;
    }

    /** Records every IO due by {@code t}. */
    void accrueTo(Instant t, Sink sink) {
        if (!active || t.isBefore(segmentStart)) {
            return;
        }
        long due = iosAtSegmentStart + iosIn(Duration.between(segmentStart, t).toMillis());
        long n = due - iosDone;
        if (n <= 0) {
            return;
        }
        for (ScsiOp op : ScsiOp.values()) {
            long count = mix.countBefore(op, iosDone + n) - mix.countBefore(op, iosDone);
            if (count > 0) {
                sink.record(op, count);
            }
        }
        iosDone += n;
    }

    void reset(Instant at) {
        iosDone = 0;
        restartSegment(at, false);
    }

    private long iosIn(long elapsedMs) {
        try {
            return Math.multiplyExact(elapsedMs, rateMilliIops) / 1_000_000L;
        } catch (ArithmeticException overflow) {
            return BigInteger.valueOf(elapsedMs).multiply(BigInteger.valueOf(rateMilliIops))
                    .divide(BigInteger.valueOf(1_000_000L)).longValueExact();
        }
    }

    private static long toMilli(double iops) {
        if (iops < 0 || Double.isNaN(iops) || Double.isInfinite(iops)) {
            throw new IllegalArgumentException("IO rate must be a finite number >= 0, got " + iops);
        }
        return Math.round(iops * 1000);
    }
}
