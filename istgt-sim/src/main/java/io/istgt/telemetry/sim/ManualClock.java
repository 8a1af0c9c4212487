package io.istgt.telemetry.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An emulated time that only moves when told, so a run of the emulator is fully deterministic: every counter,
 * rebuild and scenario event follows this clock. Thread-safe.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock(Instant.parse("2026-11-23T20:23:24Z"));
 * EmulatedIstgt istgt = EmulatedIstgt.start(socket, SimConfig.builder().clock(clock).build());
 * clock.advance(Duration.ofSeconds(61)); // replicas have rebuilt
 * }</pre>
 */
public final class ManualClock implements InstantSource {

    private final AtomicReference<Instant> now;

    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    public Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time does not go back: advance by " + by);
        }
        return now.updateAndGet(t -> t.plus(by));
    }

    public void set(Instant to) {
        now.updateAndGet(t -> {
            if (to.isBefore(t)) {
                throw new IllegalArgumentException("time does not go back: " + t + " to " + to);
            }
            return to;
        });
    }
}
