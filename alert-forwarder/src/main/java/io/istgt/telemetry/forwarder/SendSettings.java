package io.istgt.telemetry.forwarder;

import java.time.Duration;

/**
 * How the senders pace themselves.
 *
 * @param batchSize          alerts per POST at most
 * @param resendInterval     how often every firing alert is sent again
 * @param resendRate         re-sent alerts per second at most, so thousands firing do not flood Alertmanager
 * @param initialBackoff     the first wait after a failed POST; doubled after each further failure
 * @param maxBackoff         the longest wait between retries
 */
record SendSettings(int batchSize, Duration resendInterval, double resendRate, Duration initialBackoff,
                    Duration maxBackoff) {

    SendSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be 1 or more, got " + batchSize);
        }
        if (!resendInterval.isPositive()) {
            throw new IllegalArgumentException("resend interval must be positive, got " + resendInterval);
        }
        if (!(resendRate > 0)) {
            throw new IllegalArgumentException("resend rate must be positive, got " + resendRate);
        }
        if (!initialBackoff.isPositive() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("back-off: the initial wait (" + initialBackoff + ") must be positive"
                    + " and at most the longest (" + maxBackoff + ")");
        }
    }

    /**
     * How far ahead a firing alert's {@code endsAt} is put: four re-send intervals, as Prometheus does, so three
     * re-sends in a row may be lost before Alertmanager ends an alert that still fires.
     */
    Duration validity() {
        return resendInterval.multipliedBy(4);
    }
}
