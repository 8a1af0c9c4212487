package io.istgt.telemetry.analytics.rules;

import java.time.Duration;

/** Settings as the alerts' summaries say them, for a person. */
final class Readable {

    private Readable() {
    }

    /** A duration in its largest whole unit: {@code 1 d}, {@code 10 min}, {@code 90 s}. */
    static String duration(Duration d) {
        if (!d.isZero() && d.toMillis() % Duration.ofDays(1).toMillis() == 0) {
            return d.toDays() + " d";
        }
        if (!d.isZero() && d.toMillis() % Duration.ofHours(1).toMillis() == 0) {
            return d.toHours() + " h";
        }
        if (!d.isZero() && d.toMillis() % Duration.ofMinutes(1).toMillis() == 0) {
            return d.toMinutes() + " min";
        }
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + " s";
        }
        return d.toMillis() + " ms";
    }
}
