package io.istgt.telemetry.replay.timeline;

import java.time.Duration;

/** Durations as a person reads them: 45s, 4m10s, 2h05m, 3d04h. */
public final class Durations {

    private Durations() {
    }

    public static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return d.toMillis() % 1000 == 0 || s >= 10 ? s + "s" : String.format("%.1fs", d.toMillis() / 1000.0);
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60 == 0 ? "" : String.format("%02ds", s % 60));
        }
        if (s < 86_400) {
            return (s / 3600) + "h" + String.format("%02dm", (s % 3600) / 60);
        }
        return (s / 86_400) + "d" + String.format("%02dh", (s % 86_400) / 3600);
    }
}
