package io.istgt.telemetry.replay.render;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The report's shared time axis: every lane, chart and alert mark is placed by the same {@link #x}. */
final class Geometry {

    static final double WIDTH = 1360;
    static final double LEFT = 190;
    static final double RIGHT = 20;

    private static final long[] STEPS_SECONDS = {1, 5, 10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
            21600, 43200, 86400, 172800, 604800};

    private final Instant from;
    private final Instant to;
    private final TimeFormat time;

    Geometry(Instant from, Instant to, TimeFormat time) {
        this.from = from;
        this.to = to;
        this.time = time;
    }

    double plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    double x(Instant at) {
        double span = Duration.between(from, to).toMillis();
        double offset = Duration.between(from, at).toMillis();
        return round(LEFT + Math.max(0, Math.min(1, offset / span)) * plotWidth());
    }

    /** Tick times at a round step in the chosen zone, about eight across the window. */
    List<Instant> ticks() {
        long spanSeconds = Math.max(1, Duration.between(from, to).toSeconds());
        long step = STEPS_SECONDS[STEPS_SECONDS.length - 1];
        for (long s : STEPS_SECONDS) {
            if (spanSeconds / s <= 10) {
                step = s;
                break;
            }
        }
        long local = LocalDateTime.ofInstant(from, time.zone()).toEpochSecond(ZoneOffset.UTC);
        long first = Math.floorDiv(local + step - 1, step) * step;
        List<Instant> ticks = new ArrayList<>();
        for (long t = first; ; t += step) {
            Instant at = LocalDateTime.ofEpochSecond(t, 0, ZoneOffset.UTC).atZone(time.zone()).toInstant();
            if (at.isAfter(to)) {
                break;
            }
            ticks.add(at);
            if (ticks.size() > 40) {
                break;
            }
        }
        return ticks;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
