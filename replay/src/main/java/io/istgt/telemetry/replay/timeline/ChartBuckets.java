package io.istgt.telemetry.replay.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The chart data of a window in a fixed number of time buckets, whatever the window's length: a month of
 * 10-second snapshots costs the same memory as ten minutes. Each series either sums what falls in a bucket
 * (counter deltas, covered time) or keeps its maximum (gauges); an empty bucket is NaN, a hole in the line.
 */
public final class ChartBuckets {

    private final Instant from;
    private final long widthMillis;
    private final int count;
    private final Map<String, double[]> series = new LinkedHashMap<>();

    public ChartBuckets(Instant from, Instant to, int count) {
        if (count < 2) {
            throw new IllegalArgumentException("charts need at least 2 points, not " + count);
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("chart window ends (" + to + ") before it starts (" + from + ")");
        }
        this.from = from;
        this.count = count;
        this.widthMillis = Math.max(1, (Duration.between(from, to).toMillis() + count - 1) / count);
    }

    public int count() {
        return count;
    }

    /** Start of bucket {@code i}. */
    public Instant start(int i) {
        return from.plusMillis(i * widthMillis);
    }

    public Duration width() {
        return Duration.ofMillis(widthMillis);
    }

    /** The bucket of {@code at}, or -1 outside the window. */
    public int index(Instant at) {
        long offset = Duration.between(from, at).toMillis();
        if (offset < 0) {
            return -1;
        }
        long i = offset / widthMillis;
        return i >= count ? (offset <= widthMillis * count ? count - 1 : -1) : (int) i;
    }

    public void sum(String name, Instant at, double value) {
        int i = index(at);
        if (i >= 0) {
            double[] values = values(name);
            values[i] = Double.isNaN(values[i]) ? value : values[i] + value;
        }
    }

    public void max(String name, Instant at, double value) {
        int i = index(at);
        if (i >= 0) {
            double[] values = values(name);
            values[i] = Double.isNaN(values[i]) ? value : Math.max(values[i], value);
        }
    }

    /** The series' values per bucket (NaN where nothing fell); a new series is all NaN. */
    public double[] get(String name) {
        double[] values = series.get(name);
        return values == null ? empty() : values.clone();
    }

    public Set<String> names() {
        return series.keySet();
    }

    private double[] values(String name) {
        return series.computeIfAbsent(name, n -> empty());
    }

    private double[] empty() {
        double[] values = new double[count];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
