package io.istgt.telemetry.collector.kafka;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether sends are getting through, for {@code /readyz}: not ready when the last send that finished failed,
 * or when records have been waiting for an acknowledgement longer than {@code stallAfter} with none arriving
 * (the producer keeps retrying an unreachable broker for up to its delivery timeout, silently).
 */
final class SendHealth {

    private final InstantSource clock;
    private final Duration stallAfter;
    private long inFlight;
    private Instant lastProgress;
    private String lastFailure;

    SendHealth(InstantSource clock, Duration stallAfter) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stallAfter = Objects.requireNonNull(stallAfter, "stallAfter");
        this.lastProgress = clock.instant();
    }

    synchronized void sent() {
        if (inFlight++ == 0) {
            lastProgress = clock.instant();
        }
    }

    synchronized void acknowledged() {
        inFlight--;
        lastProgress = clock.instant();
        lastFailure = null;
    }

    /** A send finally failed: {@code what} says how. */
    synchronized void failed(String what) {
        inFlight--;
        lastFailure = clock.instant() + ": " + what;
    }

    /** What was in flight will not be acknowledged (the producer was closed): none is waiting any more. */
    synchronized void abandoned() {
        inFlight = 0;
    }

    /** Kafka and the registry cannot be used: {@code what} says why. */
    synchronized void unavailable(String what) {
        lastFailure = clock.instant() + ": " + what;
    }

    /** Kafka answers again: the last failure is history. */
    synchronized void connected() {
        lastFailure = null;
        lastProgress = clock.instant();
    }

    synchronized Optional<String> notReadyReason() {
        if (lastFailure != null) {
            return Optional.of("delivering to Kafka failed at " + lastFailure);
        }
        Duration waiting = Duration.between(lastProgress, clock.instant());
        if (inFlight > 0 && waiting.compareTo(stallAfter) > 0) {
            return Optional.of("Kafka has acknowledged nothing for " + waiting.toSeconds() + " s; " + inFlight
                    + " records are waiting");
        }
        return Optional.empty();
    }
}
