package io.istgt.telemetry.replay.read;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Progress of a long read on stderr: records read and how far through the window (by record timestamp) the
 * slowest partition is, at most once per {@code every}, and a closing line per topic.
 */
public final class Progress {

    private final PrintWriter out;
    private final Clock clock;
    private final Duration every;
    private final boolean enabled;
    private Instant lastPrinted;

    public Progress(PrintWriter out, Clock clock, Duration every, boolean enabled) {
        this.out = out;
        this.clock = clock;
        this.every = every;
        this.enabled = enabled;
    }

    public static Progress silent() {
        return new Progress(new PrintWriter(java.io.OutputStream.nullOutputStream()), Clock.systemUTC(),
                Duration.ofDays(1), false);
    }

    void started(String topic, int partitions, long toRead) {
        lastPrinted = clock.instant();
        if (enabled) {
            out.printf("reading %s: %d partition%s, at most %d records%n", topic, partitions,
                    partitions == 1 ? "" : "s", toRead);
            out.flush();
        }
    }

    /** @param fraction how far through the window by timestamp, 0..1 */
    void update(String topic, long records, long matching, double fraction) {
        Instant now = clock.instant();
        if (enabled && Duration.between(lastPrinted, now).compareTo(every) >= 0) {
            lastPrinted = now;
            out.printf("  %s: %d records read, %d of this volume, %.0f%% of the window%n", topic, records, matching,
                    Math.min(100, Math.max(0, fraction * 100)));
            out.flush();
        }
    }

    void finished(String topic, long records, long matching) {
        if (enabled) {
            out.printf("  %s: done, %d records read, %d of this volume%n", topic, records, matching);
            out.flush();
        }
    }

    void note(String message) {
        if (enabled) {
            out.println(message);
            out.flush();
        }
    }
}
