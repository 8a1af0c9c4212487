package io.istgt.telemetry.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one control-socket client.
 *
 * @param connectTimeout  how long connecting may take (a unix connect blocks only when istgt's backlog is full)
 * @param readTimeout     how long one read may wait for the next bytes
 * @param requestDeadline how long one whole request may take, greeting or reply; it bounds a peer that sends
 *                        a byte now and then, which would reset a read timeout forever
 * @param maxLineBytes    the longest line accepted; istgt's lines are at most 4096 bytes, so a much longer one
 *                        means the peer is not istgt, and it must not make this client buffer megabytes
 */
public record ClientSettings(Duration connectTimeout, Duration readTimeout, Duration requestDeadline, int maxLineBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;
    /** Below istgt's own line limit, a cap would reject good replies. */
    public static final int MIN_MAX_LINE_BYTES = 4096;

    public ClientSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(requestDeadline, "requestDeadline");
        if (maxLineBytes < MIN_MAX_LINE_BYTES) {
            throw new IllegalArgumentException(
                    "maxLineBytes must be at least " + MIN_MAX_LINE_BYTES + " (istgt's line limit), got " + maxLineBytes);
        }
        // SO_TIMEOUT is an int of milliseconds.
        if (readTimeout.toMillis() > Integer.MAX_VALUE || connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeouts must be below " + Integer.MAX_VALUE + " ms");
        }
    }

    /** Every timeout set to {@code timeout}, and the default line cap. */
    public static ClientSettings withTimeout(Duration timeout) {
        return new ClientSettings(timeout, timeout, timeout, DEFAULT_MAX_LINE_BYTES);
    }

    public static ClientSettings defaults() {
        return withTimeout(DEFAULT_TIMEOUT);
    }

    public ClientSettings withMaxLineBytes(int bytes) {
        return new ClientSettings(connectTimeout, readTimeout, requestDeadline, bytes);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero() || d.toMillis() == 0) {
            throw new IllegalArgumentException(name + " must be at least 1 ms, got " + d);
        }
    }
}
