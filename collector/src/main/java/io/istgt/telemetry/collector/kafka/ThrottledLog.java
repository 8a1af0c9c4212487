package io.istgt.telemetry.collector.kafka;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logs a failure once per key and period, then how many more there were: a broker outage fails every record
 * of every target, and one line per record would bury the log. Nothing is dropped from the metrics.
 */
final class ThrottledLog {

    private final Logger log;
    private final InstantSource clock;
    private final Duration period;
    private final Map<String, Window> windows = new HashMap<>();

    private static final class Window {
        Instant openedAt;
        int suppressed;
    }

    ThrottledLog(Logger log, InstantSource clock, Duration period) {
        this.log = log;
        this.clock = clock;
        this.period = period;
    }

    /** Logs {@code message} at WARN (with {@code cause}) unless {@code key} was logged within the period. */
    synchronized void warn(String key, String message, Throwable cause) {
        Instant now = clock.instant();
        Window w = windows.computeIfAbsent(key, k -> new Window());
        if (w.openedAt != null && Duration.between(w.openedAt, now).compareTo(period) < 0) {
            w.suppressed++;
            return;
        }
        String more = w.suppressed == 0 ? "" : " (" + w.suppressed + " more like it in the last "
                + Duration.between(w.openedAt, now).toSeconds() + " s)";
        w.openedAt = now;
        w.suppressed = 0;
        log.warn("{}{}", message, more, cause);
    }
}
