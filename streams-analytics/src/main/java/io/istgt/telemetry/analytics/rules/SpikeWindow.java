package io.istgt.telemetry.analytics.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The recent deltas of one error counter of one key, and the judgement whether they make a spike.
 *
 * <p>A spike is the sum of deltas inside {@code window} reaching an absolute threshold, or reaching
 * {@code multiple} times the key's baseline (an exponentially weighted average of the per-window sums seen
 * before), but never below {@code minimum} so that 0 → 1 on a quiet counter is not a spike by ratio alone.
 *
 * @param deltas   deltas inside the window, oldest first
 * @param baseline the smoothed sum per window before now, or null until one window has passed
 * @param baselineAt event time the baseline was last folded at
 */
public record SpikeWindow(List<TimedDelta> deltas, Double baseline, Instant baselineAt) {

    public record TimedDelta(Instant at, long delta) {
    }

    /** Spike thresholds for one counter. */
    public record Thresholds(Duration window, long absolute, double multiple, long minimum, double smoothing) {
        public Thresholds {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("spike window must be positive, got " + window);
            }
            if (absolute < 1 || minimum < 1) {
                throw new IllegalArgumentException("spike absolute and minimum thresholds must be >= 1");
            }
            if (smoothing <= 0 || smoothing > 1) {
                throw new IllegalArgumentException("spike baseline smoothing must be in (0, 1], got " + smoothing);
            }
        }
    }

    public static final SpikeWindow EMPTY = new SpikeWindow(List.of(), null, null);

    public SpikeWindow {
        deltas = List.copyOf(deltas);
    }

    public long sum() {
        long sum = 0;
        for (TimedDelta d : deltas) {
            sum += d.delta();
        }
        return sum;
    }

    /**
     * Adds a delta at event time {@code at}. Deltas older than the window fall out; each full window that
     * passes folds its sum into the baseline. A delta older than the newest one (out of order) is counted in
     * the window it belongs to but does not move the window.
     */
    public SpikeWindow add(Instant at, long delta, Thresholds t) {
        Instant newest = deltas.isEmpty() ? at : max(at, deltas.get(deltas.size() - 1).at());
        Double base = baseline;
        Instant baseAt = baselineAt == null ? at : baselineAt;
        while (!newest.isBefore(baseAt.plus(t.window()))) {
            long windowSum = sumBetween(baseAt, baseAt.plus(t.window()));
            base = base == null ? windowSum : base + t.smoothing() * (windowSum - base);
            baseAt = baseAt.plus(t.window());
        }
        Instant cutoff = newest.minus(t.window());
        boolean adds = at.isAfter(cutoff) && delta > 0;
        if (deltas.isEmpty() && !adds) {
            // A quiet counter, the common case: no list to filter or copy.
            return base == baseline && baseAt.equals(baselineAt) ? this : new SpikeWindow(List.of(), base, baseAt);
        }
        List<TimedDelta> kept = new ArrayList<>(deltas.size() + 1);
        for (TimedDelta d : deltas) {
            if (d.at().isAfter(cutoff)) {
                kept.add(d);
            }
        }
        if (adds) {
            int i = kept.size();
            while (i > 0 && kept.get(i - 1).at().isAfter(at)) {
                i--;
            }
            kept.add(i, new TimedDelta(at, delta));
        }
        return new SpikeWindow(kept, base, baseAt);
    }

    /** Whether the window holds a spike by these thresholds. */
    public boolean isSpike(Thresholds t) {
        long sum = sum();
        if (sum >= t.absolute()) {
            return true;
        }
        return baseline != null && sum >= t.minimum() && sum >= t.multiple() * baseline;
    }

    private long sumBetween(Instant from, Instant to) {
        long sum = 0;
        for (TimedDelta d : deltas) {
            if (!d.at().isBefore(from) && d.at().isBefore(to)) {
                sum += d.delta();
            }
        }
        return sum;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
